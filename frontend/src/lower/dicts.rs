//! Python dicts whose keys are known when compiling (`params = {"nx": 64, "dt": 0.1}`): a
//! dict is a compile-time value (`Value::Dict`) read at constant keys (`d["nx"]`, `d.get`),
//! measured (`len`), tested (`k in d`), iterated (`for k in d`, `d.items()`...) and printed
//! as Python prints it. A key known only when running, and anything that would change a
//! dict (`d[k] = v`, `d.update(...)`), is a compile error.

use ir::{Const, Expr, Span, Type};

use super::{FnCx, Seq, Value};
use crate::diagnostics as diag;

type Entries = Vec<(Value, Span, Value, Span)>;

/// A key as Python hashes it: `1`, `1.0` and `True` are one key.
#[derive(Clone, Debug, PartialEq)]
enum Key {
    Str(String),
    Int(i64),
    Float(u64),
    None,
}

impl FnCx<'_, '_> {
    /// The key a value is, where it is known when compiling.
    fn dict_key(&self, v: &Value) -> Option<Key> {
        match v {
            Value::None => Some(Key::None),
            Value::Str(e) | Value::Scalar(e) => match &self.f.exprs[*e] {
                Expr::Const(Const::Str(s)) => Some(Key::Str(s.clone())),
                Expr::Const(Const::Int(i)) => Some(Key::Int(*i)),
                Expr::Const(Const::Bool(b)) => Some(Key::Int(i64::from(*b))),
                Expr::Const(Const::Float(x)) if x.fract() == 0.0 && x.abs() < 9.0e18 => Some(Key::Int(*x as i64)),
                Expr::Const(Const::Float(x)) => Some(Key::Float(x.to_bits())),
                _ => None,
            },
            _ => None,
        }
    }

    /// The dict's entries in Python's order: a key given twice keeps its first place and
    /// its last value.
    pub(super) fn dict_entries(&self, items: Entries) -> Vec<(Value, Value)> {
        let mut out: Vec<(Option<Key>, Value, Value)> = Vec::new();
        for (k, _, v, _) in items {
            let key = self.dict_key(&k);
            match out.iter_mut().find(|(seen, _, _)| key.is_some() && *seen == key) {
                Some(entry) => entry.2 = v,
                None => out.push((key, k, v)),
            }
        }
        out.into_iter().map(|(_, k, v)| (k, v)).collect()
    }

    /// The keys, refused where one is known only when running.
    fn dict_known(&mut self, items: &Entries) -> Option<()> {
        for (k, kspan, _, _) in items {
            if self.dict_key(k).is_none() && !matches!(k, Value::Error) {
                self.error(diag::unsupported_syntax(*kspan, "dict keys known only when running", "use constant keys (strings or numbers)"));
                return None;
            }
        }
        Some(())
    }

    /// The key a read or test of `items` asks for, both known when compiling (`what` names
    /// the refusal where not).
    fn dict_lookup(&mut self, items: &Entries, key: &Value, span: Span, what: &str) -> Option<Key> {
        self.dict_known(items)?;
        let k = self.dict_key(key);
        if k.is_none() && !matches!(key, Value::Error) {
            self.error(diag::unsupported_syntax(span, what, "use a constant key"));
        }
        k
    }

    /// `d[key]`, or `d.get(key, default)` where `default` is given.
    pub(super) fn dict_get(&mut self, items: Entries, key: Value, kspan: Span, default: Option<Value>, span: Span) -> Value {
        let Some(k) = self.dict_lookup(&items, &key, kspan, "dict reads at a key known only when running") else { return Value::Error };
        let entries = self.dict_entries(items);
        match entries.into_iter().find(|(ek, _)| self.dict_key(ek).as_ref() == Some(&k)) {
            Some((_, v)) => v,
            None => match default {
                Some(d) => d,
                None => {
                    // Python's KeyError shows the key's repr.
                    let shown = match &k {
                        Key::Str(s) => format!("'{s}'"),
                        Key::Int(i) => i.to_string(),
                        Key::Float(b) => f64::from_bits(*b).to_string(),
                        Key::None => "None".into(),
                    };
                    self.raise_now("KeyError", &shown, span)
                }
            },
        }
    }

    /// `key in d`: known when compiling.
    pub(super) fn dict_contains(&mut self, items: Entries, key: Value, span: Span) -> Value {
        let Some(k) = self.dict_lookup(&items, &key, span, "`in` tests of dicts with a key known only when running") else { return Value::Error };
        let found = items.iter().any(|(ek, _, _, _)| self.dict_key(ek).as_ref() == Some(&k));
        Value::Scalar(self.add(Expr::Const(Const::Bool(found)), Type::py_bool()))
    }

    /// The number of distinct keys.
    pub(super) fn dict_len(&mut self, items: Entries) -> Value {
        if self.dict_known(&items).is_none() {
            return Value::Error;
        }
        let n = self.dict_entries(items).len();
        Value::Scalar(self.const_i64(n as i64))
    }

    /// The keys, as a loop or `list()` sees them.
    pub(super) fn dict_keys(&mut self, items: Entries) -> Value {
        if self.dict_known(&items).is_none() {
            return Value::Error;
        }
        let keys = self.dict_entries(items).into_iter().map(|(k, _)| k).collect();
        Value::Tuple(Seq { items: keys, list: true, named: None, held: false })
    }

    /// `d.get`, `d.keys()`, `d.values()`, `d.items()`.
    pub(super) fn dict_method(&mut self, items: Entries, name: &str, args: Vec<(Value, Span)>, kw: Vec<(String, Value, Span)>, span: Span) -> Value {
        let fname = format!("dict.{name}");
        let Some(_) = self.keywords(&fname, kw, &[]) else { return Value::Error };
        match name {
            "get" => {
                if !self.arity(&fname, &args, 1, 2, span) {
                    return Value::Error;
                }
                let mut it = args.into_iter();
                let (key, kspan) = it.next().expect("a key");
                let default = it.next().map(|(d, _)| d).unwrap_or(Value::None);
                self.dict_get(items, key, kspan, Some(default), span)
            }
            "keys" | "values" | "items" => {
                if !self.arity(&fname, &args, 0, 0, span) {
                    return Value::Error;
                }
                if self.dict_known(&items).is_none() {
            return Value::Error;
        }
                let entries = self.dict_entries(items);
                let out = entries
                    .into_iter()
                    .map(|(k, v)| match name {
                        "keys" => k,
                        "values" => v,
                        _ => Value::Tuple(Seq { items: vec![k, v], list: false, named: None, held: false }),
                    })
                    .collect();
                Value::Tuple(Seq { items: out, list: true, named: None, held: false })
            }
            _ => {
                self.error(diag::unsupported_call(span, &fname, None).with_hint("legatec's dicts are read only: `d[k]`, `d.get`, `d.keys()`, `d.values()`, `d.items()`"));
                Value::Error
            }
        }
    }
}
