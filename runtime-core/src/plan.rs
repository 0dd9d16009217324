//! The plan the compiler wrote, as the runtime executes it: the plan table
//! (`runtime_abi::plan_table`) registered by `main` (`lt_plan`), and the statement
//! being run (`lt_stmt`).
//!
//! `dist` lays out each array a statement makes as the statement's entry says. With
//! `LEGATEC_CHECK_PLAN=1`, every communication first asks [`check`]: one that the
//! current statement's entry does not allow ends the run with an internal error
//! naming the statement (the plan is an upper bound the runtime must never exceed).

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::OnceLock;

use runtime_abi::plan_table::{PlanTable, PlannedArray, PlannedComm};

use crate::errors::{RtError, RtResult};

static TABLE: OnceLock<PlanTable> = OnceLock::new();
static CHECKING: OnceLock<bool> = OnceLock::new();
/// The entry of the statement being run; -1 before the first.
static CURRENT: AtomicI64 = AtomicI64::new(-1);
/// Set while a launch with a single row index runs (see [`suspend`]).
static SUSPENDED: AtomicBool = AtomicBool::new(false);

/// Registers the program's plan table (once, at start-up).
pub fn set_table(text: &str) -> RtResult<()> {
    let table =
        PlanTable::decode(text).map_err(|e| RtError::internal(format!("the plan table: {e}")))?;
    let _ = TABLE.set(table);
    Ok(())
}

/// Enters statement `index` of the table.
pub fn enter(index: i64) {
    CURRENT.store(index, Ordering::Relaxed);
}

/// The program's plan table, once registered.
pub fn table() -> Option<&'static PlanTable> {
    TABLE.get()
}

fn current() -> Option<&'static runtime_abi::plan_table::PlannedStmt> {
    let index = usize::try_from(CURRENT.load(Ordering::Relaxed)).ok()?;
    table()?.stmts.get(index)
}

/// The array the current statement makes, and its planned layout.
pub fn made_here() -> Option<PlannedArray> {
    current()?.makes
}

/// Whether the current statement's plan allows `comm`: for operations whose way of
/// running is the plan's choice beyond the layout of what they make (a product summed
/// over ranks plans an allreduce).
pub fn plans(comm: PlannedComm) -> bool {
    current().is_some_and(|e| e.comm.iter().any(|&planned| covers(planned, comm)))
}

/// Whether the current statement's plan shuffles rows between the ranks (an operation it
/// splits over them: the operation then runs on each rank's own rows).
pub fn shuffles_here() -> bool {
    current().is_some_and(|e| e.comm.iter().any(|c| matches!(c, PlannedComm::Shuffle(_))))
}

/// Whether communication is checked against the plan (`LEGATEC_CHECK_PLAN=1`).
pub fn checking() -> bool {
    *CHECKING.get_or_init(|| std::env::var("LEGATEC_CHECK_PLAN").is_ok_and(|v| v == "1"))
}

/// In checking mode, fails unless the current statement's plan allows `comm`.
pub fn check(comm: PlannedComm) -> RtResult<()> {
    if !checking() || SUSPENDED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let index = CURRENT.load(Ordering::Relaxed);
    let entry = current();
    let names = table().map(|t| t.arrays.as_slice()).unwrap_or(&[]);
    verdict(entry, index, names, comm).map_err(RtError::internal)
}

/// Whether `entry` (statement `index` of the table) allows `comm`; else the message.
fn verdict(
    entry: Option<&runtime_abi::plan_table::PlannedStmt>,
    index: i64,
    names: &[String],
    comm: PlannedComm,
) -> Result<(), String> {
    if entry.is_some_and(|e| e.comm.iter().any(|&planned| covers(planned, comm))) {
        return Ok(());
    }
    let name = |id: u32| {
        names
            .get(id as usize)
            .map_or_else(|| format!("array {id}"), |n| format!("`{n}`"))
    };
    let what = match comm.array() {
        Some(id) if id == UNPLANNED => {
            format!("a {} of an array the plan does not distribute", comm.what())
        }
        Some(id) => format!("a {} of {}", comm.what(), name(id)),
        None => format!("an {}", comm.what()),
    };
    let (statement, allowed) = match entry {
        Some(e) => {
            let allowed: Vec<String> = e
                .comm
                .iter()
                .map(|c| match c.array() {
                    Some(id) => format!("{} of {}", c.what(), name(id)),
                    None => c.what().to_string(),
                })
                .collect();
            (
                format!("statement {}", e.label),
                if allowed.is_empty() {
                    "nothing".to_string()
                } else {
                    allowed.join(", ")
                },
            )
        }
        None => (
            format!("a statement with no plan entry (entry {index})"),
            "nothing".to_string(),
        ),
    };
    Err(format!(
        "{statement} made {what}, beyond its plan (which allows {allowed}); LEGATEC_CHECK_PLAN=1"
    ))
}

/// Whether a planned communication covers one made: itself, or one that moves no more
/// of the same array. A gather (every row to every rank) covers a fetch (the rows a
/// rank reads, point to point), which covers a halo exchange (the ghost rows): the
/// runtime takes the cheaper one where the rows a launch reads turn out, at run time,
/// to be fewer or nearer than the compiler could tell. A shuffle (rows moved to the ranks
/// that need them, counts first) also covers a fetch: a dataframe operation split over the
/// ranks reads each operand's rows beside the first split operand's, fetched where an
/// operand is split otherwise.
fn covers(planned: PlannedComm, made: PlannedComm) -> bool {
    use PlannedComm::{Fetch, Gather, HaloExchange, Shuffle};
    planned == made
        || matches!((planned, made), (Gather(a) | Shuffle(a), Fetch(b) | HaloExchange(b)) | (Fetch(a), HaloExchange(b)) if a == b)
}

/// Suspends checking until the guard is dropped: for a launch whose iteration has one
/// index along the axis rows split (an extent known only at run time). Its layout then
/// degenerates (one rank owns the only row, views of one row have no row axis), the
/// runtime's way of running it may differ from the plan's general one, and it moves
/// at most one row of each array.
pub fn suspend() -> Suspended {
    Suspended(SUSPENDED.swap(true, Ordering::Relaxed))
}

/// Resumes checking when dropped (see [`suspend`]).
pub struct Suspended(bool);

impl Drop for Suspended {
    fn drop(&mut self) {
        SUSPENDED.store(self.0, Ordering::Relaxed);
    }
}

/// The array id of a distributed buffer made outside every planned statement.
pub const UNPLANNED: u32 = u32::MAX;

#[cfg(test)]
mod tests {
    use super::*;
    use runtime_abi::plan_table::PlannedStmt;

    #[test]
    fn allows_what_the_plan_says_and_names_the_statement_otherwise() {
        let names = vec!["grid".to_string(), "work".to_string()];
        let entry = PlannedStmt {
            label: "@main s7".into(),
            makes: None,
            comm: vec![PlannedComm::HaloExchange(0), PlannedComm::Allreduce],
            ..Default::default()
        };
        assert_eq!(
            verdict(Some(&entry), 3, &names, PlannedComm::HaloExchange(0)),
            Ok(())
        );
        assert_eq!(
            verdict(Some(&entry), 3, &names, PlannedComm::Allreduce),
            Ok(())
        );
        let refused = verdict(Some(&entry), 3, &names, PlannedComm::HaloExchange(1)).unwrap_err();
        assert!(
            refused.contains("statement @main s7 made a halo exchange of `work`"),
            "{refused}"
        );
        assert!(
            refused.contains("allows halo exchange of `grid`, allreduce"),
            "{refused}"
        );
        let gather = verdict(Some(&entry), 3, &names, PlannedComm::Gather(0)).unwrap_err();
        assert!(gather.contains("a gather of `grid`"), "{gather}");
        // A planned gather covers a fetch of the same array, not of another.
        let gathers = PlannedStmt {
            label: "@main s8".into(),
            makes: None,
            comm: vec![PlannedComm::Gather(1)],
            ..Default::default()
        };
        assert_eq!(
            verdict(Some(&gathers), 4, &names, PlannedComm::Fetch(1)),
            Ok(())
        );
        assert!(verdict(Some(&gathers), 4, &names, PlannedComm::Fetch(0)).is_err());
        assert!(verdict(Some(&gathers), 4, &names, PlannedComm::Gather(0)).is_err());
        assert_eq!(
            verdict(Some(&gathers), 4, &names, PlannedComm::HaloExchange(1)),
            Ok(())
        );
        let fetches = PlannedStmt {
            label: "@main s9".into(),
            makes: None,
            comm: vec![PlannedComm::Fetch(1)],
            ..Default::default()
        };
        assert_eq!(
            verdict(Some(&fetches), 5, &names, PlannedComm::HaloExchange(1)),
            Ok(())
        );
        assert!(verdict(Some(&fetches), 5, &names, PlannedComm::Gather(1)).is_err());
        assert!(verdict(Some(&fetches), 5, &names, PlannedComm::Allreduce).is_err());
        // A shuffle covers a fetch of the same array, not a gather.
        let shuffles = PlannedStmt {
            label: "@main s10".into(),
            makes: None,
            comm: vec![PlannedComm::Shuffle(1)],
            ..Default::default()
        };
        assert_eq!(
            verdict(Some(&shuffles), 6, &names, PlannedComm::Fetch(1)),
            Ok(())
        );
        assert!(verdict(Some(&shuffles), 6, &names, PlannedComm::Fetch(0)).is_err());
        assert!(verdict(Some(&shuffles), 6, &names, PlannedComm::Gather(1)).is_err());
        let unknown = verdict(None, -1, &names, PlannedComm::Fetch(UNPLANNED)).unwrap_err();
        assert!(
            unknown.contains("no plan entry") && unknown.contains("does not distribute"),
            "{unknown}"
        );
    }
}
