//! The data of flow-sensitive typing (`flow.rs` computes it): what may define a
//! variable at a point, the places of a variable, run-time unions, and what one pass
//! of a function's lowering learns for the next. A leaf: the lowering context
//! (`mod.rs`) holds these, and this file imports no other file of `lower/`.

use std::collections::{HashMap, HashSet};

use ir::{Place, Type};

/// What may define a variable at a program point.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Def {
    /// No assignment on some path.
    Unbound,
    /// A run-time value of this type, in the variable's place for the type.
    Typed(Type),
    /// A compile-time value (a module, a function, a tuple of places...), by key
    /// (`flow::const_key`).
    Const(String),
}

/// The definitions of every variable at a point; `None` where the point is unreachable
/// (after `return`, `break`, `continue` or a raise). A variable absent from the map is
/// unbound.
pub(crate) type State = Option<HashMap<String, Vec<Def>>>;

/// A run-time leaf (string, scalar or array) of a module-level compile-time value (a
/// list of names, a tuple of arrays), as a function reads it: the value's expressions
/// belong to the module body, so a function rebuilds each leaf in its own arena.
#[derive(Clone, Debug)]
pub(crate) enum ConstLeaf {
    /// A constant (`"alpha"`, `3`).
    Const(ir::Const, Type),
    /// A read of a module-level place (what `snapshot` makes of other values).
    Read(Place),
    /// Anything else: not readable from a function.
    Local,
}

/// The places of one variable: one per type assigned, and the run-time tag if needed.
#[derive(Clone, Debug, Default)]
pub(crate) struct VarSlots {
    pub places: Vec<(Type, Place)>,
    pub tag: Option<Place>,
    /// The hidden handle global of the generators this variable holds: one for every
    /// assignment, so that a generator bound in branches or loops is one value.
    pub generator: Option<Place>,
    /// The places of the frames and series this variable holds, one set per schema.
    pub frames: Vec<(String, super::pandas::FrameSlots)>,
}

/// A Python scalar whose type is known only at run time: `tag` holds the code
/// ([`super::Cx::tag_code`]) of the variant whose place holds the value.
#[derive(Debug)]
pub(crate) struct UnionValue {
    pub tag: Place,
    pub variants: Vec<(i64, Type, Place)>,
}

/// What one pass of a function's lowering learns for the next.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Facts {
    /// Variables read where more than one definition reaches: they keep a tag.
    pub needs_tag: HashSet<String>,
    /// Variables that tuples of one shape, assigned on several paths, reach together
    /// (`best = (0, 0.0)`, then `best = (i, x)` in a loop): each item lives in the
    /// variable's place for its position, so the assignments are one definition.
    pub shared_tuples: HashSet<String>,
    /// The state at the back edge of each loop (by the loop's span), accumulated.
    pub loops: HashMap<(u32, u32), State>,
    /// The types each returned value has on some path.
    pub returns: Vec<Vec<Type>>,
    /// The schema of each returned value that is a DataFrame or Series (`None`: not one).
    pub records: Vec<Option<super::pandas::RecordShape>>,
    /// The type of the items a variable holding a runtime list is given (`xs.append(x)`),
    /// for an empty list assigned to it (`lists.rs`).
    pub list_items: HashMap<String, Type>,
    /// The body calls itself: its calls' results have the types the previous pass returned
    /// (`FnCx::result_slots`), so the first pass, which knows none, is always redone.
    pub recursive: bool,
}

/// What functions know of module-level variables: from the module body's previous pass.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct GlobalSummary {
    /// Every definition the module body assigns each variable.
    pub defs: HashMap<String, Vec<Def>>,
    /// The variables bound at every call of a user function from the module body.
    pub bound_at_calls: Option<HashSet<String>>,
    /// Variables read with a run-time tag (from the module body or a function).
    pub needs_tag: HashSet<String>,
    /// Module-level variables whose tuples share places (`Facts::shared_tuples`).
    pub shared_tuples: HashSet<String>,
    /// The item type appends give each module-level variable holding a runtime list.
    pub list_items: HashMap<String, Type>,
}

/// Whether these types (None left out; `None` for a compile-time value) are scalars and one
/// array type: an accumulator that starts as a number (`acc = 0`, then `acc = acc + row`),
/// a union whose array variant's place holds nothing while the tag says a number.
pub(crate) fn scalars_and_an_array<'a>(types: impl Iterator<Item = Option<&'a Type>>) -> bool {
    let mut arrays = 0;
    let mut scalars = 0;
    for t in types {
        match t {
            Some(Type::Scalar { .. }) => scalars += 1,
            Some(Type::Array { .. }) => arrays += 1,
            _ => return false,
        }
    }
    arrays == 1 && scalars > 0
}

/// How a function's returned value `i` is passed: one place, or a tag and one place per type.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ResultSlot {
    Single(Type),
    Union(Vec<Type>),
    /// A DataFrame or Series: one place per place of its record.
    Record(super::pandas::RecordShape),
}

impl ResultSlot {
    pub fn of(types: &[Type]) -> Option<ResultSlot> {
        match types {
            [] => None,
            [t] => Some(ResultSlot::Single(t.clone())),
            // As `flow::join` makes unions: scalars and None, or one other type and None.
            many if many.iter().all(|t| matches!(t, Type::Scalar { .. } | Type::None))
                || (many.len() == 2 && many.contains(&Type::None))
                || scalars_and_an_array(many.iter().filter(|t| **t != Type::None).map(Some)) =>
            {
                Some(ResultSlot::Union(many.to_vec()))
            }
            _ => None,
        }
    }

    /// The IR result types of the slot.
    pub fn flat(&self) -> Vec<Type> {
        match self {
            ResultSlot::Single(t) => vec![t.clone()],
            ResultSlot::Union(ts) => std::iter::once(Type::py_int()).chain(ts.iter().cloned()).collect(),
            ResultSlot::Record(shape) => shape.types.clone(),
        }
    }
}

/// The loop being lowered: the states at its `break`s and `continue`s.
pub(crate) struct LoopCx {
    pub breaks: State,
    pub continues: State,
}

/// The names a `Def::Typed` or `Def::Const` is interned under for tag codes.
pub(crate) fn def_key(d: &Def) -> String {
    format!("{d:?}")
}
