//! The compile-time objects of `argparse.rs`: parsers, their arguments and namespaces,
//! and the other command-line values (`sys.argv`, `nargs` lists). A leaf: the lowering
//! context's `Value` holds them, and this file imports no other file of `lower/`.

use std::rc::Rc;

use ir::{DType, Place, Span};

/// Compile-time values of command-line handling.
#[derive(Clone, Debug)]
pub(crate) enum CliValue {
    /// An `ArgumentParser` under construction: an index into `Cx::parsers`.
    Parser(usize),
    /// The result of `parse_args()`.
    Namespace(Rc<Namespace>),
    /// A parsed list (`nargs="+"`): a 1-D array held by a global.
    List { place: Place, dtype: DType },
    /// `sys.argv[start:]`.
    Argv { start: i64 },
}

/// The attributes of a parsed namespace, each held by a global.
#[derive(Debug)]
pub(crate) struct Namespace {
    pub(super) fields: Vec<(String, Field)>,
}

#[derive(Clone, Copy, Debug)]
pub(super) enum Field {
    /// An int, float or bool global.
    Scalar(Place),
    Str(Place),
    List(Place, DType),
}

/// A literal argument of the parser's calls.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Lit {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Lit>),
}

impl Lit {
    pub(super) fn describe(&self) -> &'static str {
        match self {
            Lit::None => "None",
            Lit::Bool(_) => "a bool",
            Lit::Int(_) => "an int",
            Lit::Float(_) => "a float",
            Lit::Str(_) => "a str",
            Lit::List(_) => "a list",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ActionKind {
    Store,
    StoreTrue,
    StoreFalse,
    Count,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Nargs {
    Single,
    OneOrMore,
    Exact(i64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TypeFunc {
    Identity,
    Int,
    Float,
    Str,
}

/// One `add_argument` call.
#[derive(Clone, Debug)]
pub(super) struct ActionDef {
    pub(super) kind: ActionKind,
    pub(super) options: Vec<String>,
    pub(super) dest: String,
    pub(super) nargs: Nargs,
    pub(super) type_func: TypeFunc,
    pub(super) default: Lit,
    pub(super) choices: Option<Vec<Lit>>,
    pub(super) required: bool,
    pub(super) help: Option<String>,
    pub(super) metavar: Option<String>,
    /// The call, and the keywords whose values are checked after the call is read.
    pub(super) span: Span,
    pub(super) default_span: Option<Span>,
    pub(super) choices_span: Option<Span>,
    pub(super) help_span: Option<Span>,
}

impl ActionDef {
    pub(super) fn positional(&self) -> bool {
        self.options.is_empty()
    }

    /// The namespace attribute's kind: `(is_list, dtype)`, or `None` for a str.
    pub(super) fn field_dtype(&self) -> Option<DType> {
        match self.kind {
            ActionKind::StoreTrue | ActionKind::StoreFalse => Some(DType::Bool),
            ActionKind::Count => Some(DType::I64),
            ActionKind::Store => match self.type_func {
                TypeFunc::Int => Some(DType::I64),
                TypeFunc::Float => Some(DType::F64),
                TypeFunc::Identity | TypeFunc::Str => None,
            },
        }
    }

    pub(super) fn is_list(&self) -> bool {
        self.kind == ActionKind::Store && self.nargs != Nargs::Single
    }
}

/// An `ArgumentParser` being built, with where it was made.
#[derive(Clone, Debug)]
pub(crate) struct ParserDef {
    /// The function instance that made it (argparse calls must stay in it).
    pub(super) function: String,
    pub(super) prog: Option<String>,
    pub(super) usage: Option<String>,
    pub(super) description: Option<String>,
    pub(super) epilog: Option<String>,
    pub(super) formatter: &'static str,
    pub(super) add_help: bool,
    pub(super) allow_abbrev: bool,
    pub(super) actions: Vec<ActionDef>,
}
