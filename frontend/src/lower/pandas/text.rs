//! Printing frames and series: their arrays are pushed as operands, and the runtime's
//! formatter (`runtime-frame`'s `repr`) returns pandas' text.

use super::{Frame, IndexV, Series};
use crate::lower::FnCx;
use ir::{EntryPoint, ExprId, Span, Type};

impl FnCx<'_, '_> {
    pub(crate) fn push_index_pub(&mut self, index: &IndexV, span: Span) -> String {
        self.push_index(index, span)
    }

    /// Pushes an index's operands; its field in a spec (`frame_spec`).
    fn push_index(&mut self, index: &IndexV, span: Span) -> String {
        match index {
            IndexV::Range { start, stop } => {
                for p in [*start, *stop] {
                    let v = self.read(p);
                    self.runtime_call(EntryPoint::FramePushInt, vec![v], None, span);
                }
                "range".into()
            }
            IndexV::Labels(levels) => {
                let mut fields = vec!["levels".to_string()];
                for l in levels.iter() {
                    let kind = self.push_col(l.col, span);
                    match &l.name {
                        Some(n) => fields.extend(["1".to_string(), n.clone()]),
                        None => fields.extend(["0".to_string(), String::new()]),
                    }
                    fields.push(kind);
                }
                let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
                runtime_abi::frame_spec::encode(&fields)
            }
        }
    }

    fn frame_text_call(&mut self, fields: &[String], span: Span) -> ExprId {
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        let spec = runtime_abi::frame_spec::encode(&fields);
        let spec = self.str_const(&spec);
        self.runtime_call(EntryPoint::FrameText, vec![spec], Some(Type::Str), span).expect("a result")
    }

    /// `str(df)`.
    pub(crate) fn frame_str(&mut self, f: &Frame, span: Span) -> ExprId {
        let index = self.push_index(&f.index, span);
        let mut fields = vec!["repr_frame".to_string(), index];
        for (label, c) in &f.columns {
            let kind = self.push_col(*c, span);
            fields.extend([label.clone(), kind]);
        }
        self.frame_text_call(&fields, span)
    }

    /// `str(df.dtypes)`.
    pub(crate) fn dtypes_str(&mut self, f: &Frame, span: Span) -> ExprId {
        let mut fields = vec!["repr_dtypes".to_string()];
        for (label, c) in &f.columns {
            let kind = self.push_col(*c, span);
            fields.extend([label.clone(), kind]);
        }
        self.frame_text_call(&fields, span)
    }

    /// `str(s)`.
    pub(crate) fn series_str(&mut self, s: &Series, span: Span) -> Option<ExprId> {
        let col = self.series_col(s, span)?;
        let index = self.push_index(&s.index, span);
        let kind = self.push_col(col, span);
        let (has, name) = match &s.name {
            Some(n) => ("1", n.clone()),
            None => ("0", String::new()),
        };
        Some(self.frame_text_call(&["repr_series".into(), has.into(), name, kind, index], span))
    }
}
