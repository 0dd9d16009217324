//! A whole program: the module, its stage and its plan. Apart from `module.rs` (functions,
//! statements, kernels) so that the plan, which names statements, and the module, which
//! holds the plan, do not import each other.

use crate::arena::{Arena, HandleMap};
use crate::module::{FuncId, Function, Kernel, Place, Var};
use crate::plan::Plan;
use crate::sym::SymExpr;
use crate::types::Type;

/// Which lowering stage a module is at. The verifier rejects what is illegal at a
/// stage: a [`Plan`] before partitioning, a module without one after.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Straight from the frontend: whole-array operations, fused kernels.
    Tensor,
    /// After partitioning: the module's [`Plan`] says how every array is laid out over
    /// the ranks and what every statement communicates.
    Distributed,
}

/// A whole program.
#[derive(Clone, Debug)]
pub struct Module {
    pub stage: Stage,
    /// Module-level variables of the script. Functions may read them.
    pub globals: Arena<Var>,
    pub functions: Arena<Function>,
    /// The module body, as a function with no parameters.
    pub main: FuncId,
    pub kernels: Arena<Kernel>,
    /// Symbolic shapes of global arrays, where known.
    pub global_shapes: HandleMap<Var, Vec<SymExpr>>,
    /// The distribution plan, written by the `partition` pass (stage `Distributed`).
    pub plan: Option<Plan>,
    /// What the frontend did with each call of a user function (inlined, or called and
    /// why), for the report. Not part of the IR's meaning (the printer omits it).
    pub calls: Vec<CallNote>,
    /// Statements the fusion passes moved into another statement's kernel, or refused to
    /// and why, for the report (the printer omits them).
    pub fusions: Vec<FusionNote>,
}

/// A statement whose pattern a fusion pass matched: computed by the kernel of another
/// statement (`refused: None`), or left as its own kernel, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct FusionNote {
    /// The statement, and the one whose kernel it joined or would have joined.
    pub at: crate::Span,
    pub into: crate::Span,
    pub refused: Option<String>,
}

/// A call of a user function as the frontend lowered it.
#[derive(Clone, Debug, PartialEq)]
pub struct CallNote {
    pub function: String,
    /// The function's definition and the call.
    pub def: crate::Span,
    pub call: crate::Span,
    /// `None`: inlined into the caller's expressions; else why it is a call, and where.
    pub called_because: Option<(String, crate::Span)>,
}

impl Module {
    pub fn new() -> Self {
        let mut functions = Arena::new();
        let main = functions.push(Function::new("__main__"));
        Module {
            stage: Stage::Tensor,
            globals: Arena::new(),
            functions,
            main,
            kernels: Arena::new(),
            global_shapes: HandleMap::default(),
            plan: None,
            calls: Vec::new(),
            fusions: Vec::new(),
        }
    }

    pub fn place_type(&self, func: &Function, place: Place) -> Type {
        match place {
            Place::Local(v) => func.locals[v].ty.clone(),
            Place::Global(g) => self.globals[g].ty.clone(),
        }
    }

    /// The symbolic shape recorded for an array place, if any.
    pub fn place_shape<'a>(&'a self, func: &'a Function, place: Place) -> Option<&'a Vec<crate::sym::SymExpr>> {
        match place {
            Place::Local(v) => func.shapes.get(v),
            Place::Global(g) => self.global_shapes.get(g),
        }
    }
}

impl Default for Module {
    fn default() -> Self {
        Self::new()
    }
}
