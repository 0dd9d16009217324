//! The distribution plan: how every array is laid out over the ranks of an SPMD run and
//! what every statement communicates. The `partition` pass writes it once into the
//! module; the report (`legatec --report`), codegen and the runtime read it.
//!
//! Arrays are the allocation sites of the program (an `Alloc` statement, or a `.copy()`
//! of a distributed array); every value made by one statement is one array of the plan,
//! whichever call or iteration made it. Statements are named by [`StmtRef`].

use std::collections::BTreeMap;

use crate::module::StmtRef;
use crate::sym::SymExpr;

/// An array of the plan: an index into [`Plan::arrays`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArrayId(pub u32);

impl ArrayId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The plan of a module.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub arrays: Vec<ArrayPlan>,
    /// What each statement may communicate: an upper bound over every execution of it
    /// (every call, every iteration). Statements absent communicate nothing.
    pub comm: BTreeMap<StmtRef, Vec<Comm>>,
    /// The loops that communicate, in execution order, with what one iteration of each
    /// does in the steady state (a rank with two neighbours). A statement in a function
    /// called in a loop counts in that loop.
    pub loops: Vec<LoopPlan>,
    /// The communication outside every loop (gathers, fetches, allreduces, broadcasts,
    /// halo exchanges), in execution order.
    pub outside: Vec<Event>,
    /// When the program runs on GPUs: the statements that copy an array (or one
    /// element of it) from device to host memory.
    pub transfers: Vec<Transfer>,
    /// Random fills of arrays split by rows, in execution order: each rank draws only the
    /// rows it stores (nothing moves).
    pub fills: Vec<Fill>,
    /// How every kernel launch runs over the ranks and which arrays its operands view (for
    /// the performance model: what a rank computes, and which reads share cache lines).
    pub launches: BTreeMap<StmtRef, LaunchPlan>,
}

/// One array: where it is made and how it is laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct ArrayPlan {
    /// The variable it is first stored in (`f.x` inside function `f`).
    pub name: String,
    pub ndim: usize,
    /// Bytes per element.
    pub item: usize,
    /// Symbolic shape where known.
    pub shape: Vec<SymExpr>,
    /// The statement that makes it: an `Alloc`, or the `Library` call of a `.copy()`.
    pub origin: StmtRef,
    pub layout: Layout,
    /// For a `.copy()`: the array copied (the copy has its ghost rows).
    pub copy_of: Option<ArrayId>,
}

/// How an array is laid out over the ranks.
#[derive(Clone, Debug, PartialEq)]
pub enum Layout {
    /// Every rank holds the whole array: 0-d arrays (`why` is `None`), and arrays a
    /// statement forces to be (a reshape mixes rows): the reason and that statement.
    Replicated { why: Option<(String, StmtRef)> },
    /// Blocks of rows (axis 0) over the ranks. `halo` is how many ghost rows its reads
    /// need below and above the rows a rank owns; the runtime stores the wider of the
    /// two on each side. `template` is what the compiler knows of where its rows lie;
    /// `along` is what the runtime does: it lines the rows up with those of operand
    /// `along` of the statement that makes the array, where that operand's rows allow it
    /// (a view along axis 0 with step 1 and as many rows), and else splits them evenly
    /// on their own (as it does for `None`).
    Rows { halo: (u32, u32), template: Template, along: Option<u32> },
}

impl Layout {
    /// The ghost rows stored on each side, for a distributed array.
    pub fn ghost(&self) -> Option<u32> {
        match self {
            Layout::Replicated { .. } => None,
            Layout::Rows { halo, .. } => Some(halo.0.max(halo.1)),
        }
    }
}

/// Which rows of the ranks an array's rows line up with.
#[derive(Clone, Debug, PartialEq)]
pub enum Template {
    /// Its own rows, split evenly.
    Own,
    /// Its own rows in blocks the statement that makes it finds at run time (a mask's
    /// selection: each rank keeps what it selected, in rank order), known to every rank
    /// from the gathered counts.
    Var,
    /// Row `i` sits beside row `i + offset` of `with` (a root: an array on its own
    /// template); `offset` is `None` where it is known only at run time.
    Aligned { with: ArrayId, offset: Option<i64> },
}

/// One communication of a statement.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Comm {
    /// Refreshes the ghost rows of `array` from their owners, if a neighbour wrote them
    /// since the last exchange.
    HaloExchange { array: ArrayId },
    /// Combines one value per rank (a reduction).
    Allreduce,
    /// Rows of `array` other than ghost rows, sent point to point by their owners.
    Fetch { array: ArrayId },
    /// `array` gathered whole on every rank, for an operation with no distributed version.
    Gather { array: ArrayId, why: String },
    /// One element of `array` broadcast by the rank that owns it.
    Broadcast { array: ArrayId },
    /// Rows of `array` sent to the ranks their values choose: those that ask for them by
    /// row number (`a[idx]`: the requests, then the rows), or those their keys hash to (a
    /// merge split over the ranks); each an all-to-all with its counts first. How many rows
    /// move depends on the data.
    Shuffle { array: ArrayId },
    /// A file read by byte ranges, each rank parsing the rows of its own range (a
    /// `read_csv` split over the ranks): the results are split as the rows fall; the
    /// ranks exchange whether they parsed, the categories and the string columns (every
    /// rank holds string columns whole), each an all-to-all with its counts first.
    ReadSplit,
}

/// Why a gather the plan allows happens only when the runtime meets arrays whose rows do
/// not line up, which the compiler cannot tell: a variable bound to several arrays, or a
/// reduction whose splitting rows are known at run time. The lints and the performance
/// model count these gathers as possible, not certain.
pub const GATHER_IF_SEVERAL_ARRAYS: &str = "read through a variable bound to several arrays";
pub const GATHER_IF_ROWS_DIFFER: &str = "the rows that split the reduction are known only at run time";

impl Comm {
    /// A gather that happens only where the arrays met at run time do not line up.
    pub fn is_possible_gather(&self) -> bool {
        matches!(self, Comm::Gather { why, .. } if why == GATHER_IF_SEVERAL_ARRAYS || why == GATHER_IF_ROWS_DIFFER)
    }

    /// The array communicated, if one.
    pub fn array(&self) -> Option<ArrayId> {
        match self {
            Comm::HaloExchange { array }
            | Comm::Fetch { array }
            | Comm::Gather { array, .. }
            | Comm::Broadcast { array }
            | Comm::Shuffle { array } => Some(*array),
            Comm::Allreduce | Comm::ReadSplit => None,
        }
    }
}

/// A communication made by a statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub stmt: StmtRef,
    pub comm: Comm,
}

/// A loop and what one iteration communicates in the steady state.
#[derive(Clone, Debug, PartialEq)]
pub struct LoopPlan {
    pub stmt: StmtRef,
    pub events: Vec<Event>,
}

/// A device-to-host copy of a GPU run.
#[derive(Clone, Debug, PartialEq)]
pub struct Transfer {
    pub array: ArrayId,
    pub stmt: StmtRef,
    pub why: String,
    /// The innermost loop it runs in.
    pub in_loop: Option<StmtRef>,
}

/// A random fill of an array split by rows: each rank draws the rows it stores, moving its
/// generator over the other ranks' elements by a jump (`jumps`: every element takes a fixed
/// number of the generator's words) or by drawing them (normals, bounded integers).
#[derive(Clone, Debug, PartialEq)]
pub struct Fill {
    pub array: ArrayId,
    pub stmt: StmtRef,
    pub jumps: bool,
}

/// How a kernel launch runs: split by rows (each rank computes the rows of the iteration
/// space it owns: of the destination, or of the input that drives a reduction) or whole on
/// every rank; and, per array operand in order, the array of the plan it views with the
/// row of that array its first index along the iteration's axis 0 is, where known
/// (`a[1:-1]` and `a[2:]` of one array: rows 1 and 2), and likewise the destination a store
/// or axis reduction writes. Over every execution: split only if every execution is, an
/// operand known only if the same at every execution. A library call (a product) has one
/// too: split where each rank computes its own rows of the result, its operands' arrays
/// with rows unknown.
#[derive(Clone, Debug, PartialEq)]
pub struct LaunchPlan {
    pub split: bool,
    pub dst: Option<(ArrayId, Option<i64>)>,
    pub operands: Vec<Option<(ArrayId, Option<i64>)>>,
}

impl LaunchPlan {
    /// What two executions of one launch have in common.
    pub fn merge(self, other: LaunchPlan) -> LaunchPlan {
        let operands = if self.operands.len() == other.operands.len() {
            self.operands.into_iter().zip(other.operands).map(|(a, b)| if a == b { a } else { None }).collect()
        } else {
            vec![None; self.operands.len().max(other.operands.len())]
        };
        let dst = if self.dst == other.dst { self.dst } else { None };
        LaunchPlan { split: self.split && other.split, dst, operands }
    }
}

impl Plan {
    pub fn array(&self, id: ArrayId) -> &ArrayPlan {
        &self.arrays[id.index()]
    }

    /// The array made by statement `origin`, if it makes one.
    pub fn array_made_by(&self, origin: StmtRef) -> Option<(ArrayId, &ArrayPlan)> {
        self.arrays.iter().enumerate().find(|(_, a)| a.origin == origin).map(|(i, a)| (ArrayId(i as u32), a))
    }

    /// What statement `stmt` may communicate.
    pub fn comm_of(&self, stmt: StmtRef) -> &[Comm] {
        self.comm.get(&stmt).map_or(&[], Vec::as_slice)
    }
}
