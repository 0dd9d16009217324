//! The compile-time objects of `argparse.rs`: parsers, their arguments and namespaces,
//! and the other command-line values (`sys.argv`, `nargs` lists). A leaf: the lowering
//! context's `Value` holds them, and this file imports no other file of `lower/`.

use std::rc::Rc;

use ir::{DType, Place, Span};
use runtime_abi::argparse_spec::{ActionKind, ActionSpec, ArgValue, Nargs, ParserSpec, TypeFunc};

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

/// What kind of literal a value is, for messages ("an int").
pub(super) fn describe(lit: &ArgValue) -> &'static str {
    match lit {
        ArgValue::None => "None",
        ArgValue::Bool(_) => "a bool",
        ArgValue::Int(_) => "an int",
        ArgValue::Float(_) => "a float",
        ArgValue::Str(_) => "a str",
        ArgValue::List(_) => "a list",
    }
}

/// One `add_argument` call: the argument as the runtime receives it, and where it was written.
#[derive(Clone, Debug)]
pub(super) struct ActionDef {
    pub(super) spec: ActionSpec,
    /// The call, and the keywords whose values are checked after the call is read.
    pub(super) span: Span,
    pub(super) default_span: Option<Span>,
    pub(super) choices_span: Option<Span>,
    pub(super) help_span: Option<Span>,
}

impl ActionDef {
    pub(super) fn positional(&self) -> bool {
        self.spec.option_strings.is_empty()
    }

    /// The namespace attribute's kind: `(is_list, dtype)`, or `None` for a str.
    pub(super) fn field_dtype(&self) -> Option<DType> {
        match self.spec.kind {
            ActionKind::StoreTrue | ActionKind::StoreFalse => Some(DType::Bool),
            ActionKind::Count => Some(DType::I64),
            ActionKind::Help => unreachable!("the compiler makes no help actions"),
            ActionKind::Store => match self.spec.type_func {
                TypeFunc::Int => Some(DType::I64),
                TypeFunc::Float => Some(DType::F64),
                TypeFunc::Identity | TypeFunc::Str => None,
            },
        }
    }

    pub(super) fn is_list(&self) -> bool {
        self.spec.kind == ActionKind::Store && self.spec.nargs != Nargs::Single
    }
}

/// An `ArgumentParser` being built, with where it was made.
#[derive(Clone, Debug)]
pub(crate) struct ParserDef {
    /// The function instance that made it (argparse calls must stay in it).
    pub(super) function: String,
    /// What the runtime receives, less its actions (those are `actions`' specs).
    pub(super) spec: ParserSpec,
    pub(super) actions: Vec<ActionDef>,
}
