//! The plan table: the part of the compiler's distribution plan (`ir::Plan`) that the
//! runtime executes, as codegen hands it over (`lt_plan`, once, at start-up).
//!
//! Statements that make an array or may communicate get an index into
//! [`PlanTable::stmts`]; the generated code calls `lt_stmt(index)` before running one.
//! The runtime then lays out the array the statement makes as its entry says, and in
//! checking mode (`LEGATEC_CHECK_PLAN=1`) verifies that the statement communicates
//! only what its entry allows.
//!
//! The text form, one item per line (names and labels hold no newline or tab):
//!
//! ```text
//! legatec-plan 2
//! array <name>
//! loop <label>\t<line>
//! stmt <label>\t<makes>\t<comm>\t<line>\t<what>\t<loops>\t<predicted>
//! predicted_for <ranks>\t<threads>\t<device>\t<arguments>
//! ```
//!
//! where `<makes>` is `-`, `A<id> replicated` or `A<id> rows <ghost> [along <operand>]`,
//! and `<comm>` is space-separated words: `x<id>` (halo exchange), `r` (allreduce),
//! `f<id>` (fetch), `g<id>` (gather), `b<id>` (broadcast), `s<id>` (shuffle); `<line>` is
//! the statement's source line, `<what>` what it runs (a kernel's name, a library
//! operation, an entry point), `<loops>` the indices of the loops around it, innermost
//! last, comma-separated (or `-`), and `<predicted>` the performance model's seconds per
//! execution when the program was built with `--machine` (or `-`). The profile
//! (`LEGATEC_PROFILE`) reports by these. The `predicted_for` line, present when the
//! predictions are, says for which run they were made ([`RunConfig`]).

/// What the runtime executes of the plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanTable {
    /// The names of the plan's arrays, by array id.
    pub arrays: Vec<String>,
    /// The program's loops (`for`, `while`), for the profile.
    pub loops: Vec<PlannedLoop>,
    pub stmts: Vec<PlannedStmt>,
    /// The run the statements' predictions are for (built with `--machine`).
    pub predicted_for: Option<RunConfig>,
}

/// What a run's time depends on besides the program: ranks, threads per rank, device and
/// the parsed command-line arguments (`argparse_spec::values_text`). A prediction holds
/// for one; the profile shows measured / predicted only for a run that has it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunConfig {
    pub ranks: u32,
    pub threads: u32,
    /// `cpu` or `gpu`.
    pub device: String,
    pub arguments: String,
}

impl RunConfig {
    /// `1 rank x 2 threads on the CPU, arguments [1024, 50]`.
    pub fn describe(&self) -> String {
        let plural = |n: u32, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "{} x {} on the {}, arguments {}",
            plural(self.ranks, "rank"),
            plural(self.threads, "thread"),
            self.device.to_uppercase(),
            self.arguments
        )
    }
}

/// A loop of the program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedLoop {
    pub label: String,
    pub line: u32,
}

/// One statement of the table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlannedStmt {
    /// How error messages name it (`@main s12`, as `--emit ir` prints it).
    pub label: String,
    /// Its source line.
    pub line: u32,
    /// What it runs: a kernel's name, a library operation, an entry point.
    pub what: String,
    /// The loops around it (indices into [`PlanTable::loops`]), innermost last.
    pub loops: Vec<u32>,
    /// Seconds per execution the performance model predicts, when built with `--machine`.
    pub predicted: Option<f64>,
    /// The array it makes, if one.
    pub makes: Option<PlannedArray>,
    /// What it may communicate: an upper bound.
    pub comm: Vec<PlannedComm>,
}

/// An array a statement makes, and its layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlannedArray {
    pub array: u32,
    pub layout: PlannedLayout,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlannedLayout {
    /// Whole on every rank.
    Replicated,
    /// Blocks of rows with `ghost` ghost rows each side; its rows line up with those of
    /// operand `along` of the statement (where that operand's rows allow it: a view
    /// along axis 0 with step 1 and as many rows), else split evenly on their own.
    Rows { ghost: u32, along: Option<u32> },
}

/// One communication a statement may make (arrays by id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlannedComm {
    /// Refreshes the array's ghost rows, if a neighbour wrote them since the last exchange.
    HaloExchange(u32),
    Allreduce,
    /// Rows other than ghost rows, point to point.
    Fetch(u32),
    /// The whole array on every rank (it covers a fetch of the same array: some rows).
    Gather(u32),
    /// One element, broadcast by its owner.
    Broadcast(u32),
    /// Rows sent to the ranks their values choose (a key's hash, a row number's owner):
    /// counts all-to-all first, then the rows, so every rank knows what it receives.
    Shuffle(u32),
    /// A file read by byte ranges, each rank its own rows (see `ir::Comm::ReadSplit`).
    ReadSplit,
}

impl PlannedComm {
    /// The array communicated, if one.
    pub fn array(self) -> Option<u32> {
        match self {
            PlannedComm::HaloExchange(a)
            | PlannedComm::Fetch(a)
            | PlannedComm::Gather(a)
            | PlannedComm::Broadcast(a)
            | PlannedComm::Shuffle(a) => Some(a),
            PlannedComm::Allreduce | PlannedComm::ReadSplit => None,
        }
    }

    /// What it does, in words (`halo exchange`, ...).
    pub fn what(self) -> &'static str {
        match self {
            PlannedComm::HaloExchange(_) => "halo exchange",
            PlannedComm::Allreduce => "allreduce",
            PlannedComm::Fetch(_) => "fetch",
            PlannedComm::Gather(_) => "gather",
            PlannedComm::Broadcast(_) => "broadcast",
            PlannedComm::Shuffle(_) => "shuffle",
            PlannedComm::ReadSplit => "read split over ranks",
        }
    }

    fn word(self) -> String {
        match self {
            PlannedComm::HaloExchange(a) => format!("x{a}"),
            PlannedComm::Allreduce => "r".to_string(),
            PlannedComm::Fetch(a) => format!("f{a}"),
            PlannedComm::Gather(a) => format!("g{a}"),
            PlannedComm::Broadcast(a) => format!("b{a}"),
            PlannedComm::Shuffle(a) => format!("s{a}"),
            PlannedComm::ReadSplit => "p".to_string(),
        }
    }

    fn parse(word: &str) -> Option<PlannedComm> {
        match word {
            "r" => return Some(PlannedComm::Allreduce),
            "p" => return Some(PlannedComm::ReadSplit),
            _ => {}
        }
        let (kind, id) = word.split_at(1);
        let id = id.parse().ok()?;
        Some(match kind {
            "x" => PlannedComm::HaloExchange(id),
            "f" => PlannedComm::Fetch(id),
            "g" => PlannedComm::Gather(id),
            "b" => PlannedComm::Broadcast(id),
            "s" => PlannedComm::Shuffle(id),
            _ => return None,
        })
    }
}

const MAGIC: &str = "legatec-plan 2";

/// Names and labels in one line, without tabs.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\n' || c == '\t' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

impl PlanTable {
    /// The text form (see the module documentation).
    pub fn encode(&self) -> String {
        let mut out = format!("{MAGIC}\n");
        for name in &self.arrays {
            out.push_str(&format!("array {}\n", clean(name)));
        }
        for l in &self.loops {
            out.push_str(&format!("loop {}\t{}\n", clean(&l.label), l.line));
        }
        for stmt in &self.stmts {
            let makes = match stmt.makes {
                None => "-".to_string(),
                Some(PlannedArray {
                    array,
                    layout: PlannedLayout::Replicated,
                }) => format!("A{array} replicated"),
                Some(PlannedArray {
                    array,
                    layout: PlannedLayout::Rows { ghost, along },
                }) => match along {
                    Some(k) => format!("A{array} rows {ghost} along {k}"),
                    None => format!("A{array} rows {ghost}"),
                },
            };
            let comm: Vec<String> = stmt.comm.iter().map(|c| c.word()).collect();
            let loops: Vec<String> = stmt.loops.iter().map(u32::to_string).collect();
            out.push_str(&format!(
                "stmt {}\t{makes}\t{}\t{}\t{}\t{}\t{}\n",
                clean(&stmt.label),
                comm.join(" "),
                stmt.line,
                clean(&stmt.what),
                if loops.is_empty() { "-".to_string() } else { loops.join(",") },
                stmt.predicted.map_or("-".to_string(), |p| format!("{p:e}"))
            ));
        }
        if let Some(run) = &self.predicted_for {
            out.push_str(&format!("predicted_for {}\t{}\t{}\t{}\n", run.ranks, run.threads, clean(&run.device), clean(&run.arguments)));
        }
        out
    }

    /// Reads the text form back; `Err` names the first line it cannot read.
    pub fn decode(text: &str) -> Result<PlanTable, String> {
        let mut lines = text.lines();
        if lines.next() != Some(MAGIC) {
            return Err(format!("a plan table starts with `{MAGIC}`"));
        }
        let mut table = PlanTable::default();
        for line in lines {
            let bad = || format!("bad plan table line `{line}`");
            if let Some(name) = line.strip_prefix("array ") {
                table.arrays.push(name.to_string());
            } else if let Some(rest) = line.strip_prefix("loop ") {
                let (label, number) = rest.split_once('\t').ok_or_else(bad)?;
                table.loops.push(PlannedLoop { label: label.to_string(), line: number.parse().map_err(|_| bad())? });
            } else if let Some(rest) = line.strip_prefix("predicted_for ") {
                let fields: Vec<&str> = rest.split('\t').collect();
                let [ranks, threads, device, arguments] = fields[..] else {
                    return Err(bad());
                };
                table.predicted_for = Some(RunConfig {
                    ranks: ranks.parse().map_err(|_| bad())?,
                    threads: threads.parse().map_err(|_| bad())?,
                    device: device.to_string(),
                    arguments: arguments.to_string(),
                });
            } else if let Some(rest) = line.strip_prefix("stmt ") {
                let fields: Vec<&str> = rest.split('\t').collect();
                let [label, makes, comm, number, what, loops, predicted] = fields[..] else {
                    return Err(bad());
                };
                let number: u32 = number.parse().map_err(|_| bad())?;
                let loops: Vec<u32> = if loops == "-" {
                    Vec::new()
                } else {
                    loops.split(',').map(|l| l.parse().map_err(|_| bad())).collect::<Result<_, _>>()?
                };
                let predicted = if predicted == "-" { None } else { Some(predicted.parse().map_err(|_| bad())?) };
                let makes = if makes == "-" {
                    None
                } else {
                    let words: Vec<&str> = makes.split(' ').collect();
                    let array = words
                        .first()
                        .and_then(|w| w.strip_prefix('A'))
                        .and_then(|id| id.parse().ok())
                        .ok_or_else(bad)?;
                    let layout = match words[1..] {
                        ["replicated"] => PlannedLayout::Replicated,
                        ["rows", ghost] => PlannedLayout::Rows {
                            ghost: ghost.parse().map_err(|_| bad())?,
                            along: None,
                        },
                        ["rows", ghost, "along", k] => PlannedLayout::Rows {
                            ghost: ghost.parse().map_err(|_| bad())?,
                            along: Some(k.parse().map_err(|_| bad())?),
                        },
                        _ => return Err(bad()),
                    };
                    Some(PlannedArray { array, layout })
                };
                let comm = comm
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(PlannedComm::parse)
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(bad)?;
                table.stmts.push(PlannedStmt {
                    label: label.to_string(),
                    line: number,
                    what: what.to_string(),
                    loops,
                    predicted,
                    makes,
                    comm,
                });
            } else if !line.is_empty() {
                return Err(bad());
            }
        }
        Ok(table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let table = PlanTable {
            arrays: vec!["grid".into(), "f.work".into()],
            loops: vec![PlannedLoop { label: "@main s5".into(), line: 9 }, PlannedLoop { label: "@f s2".into(), line: 11 }],
            stmts: vec![
                PlannedStmt {
                    label: "@main s3".into(),
                    line: 4,
                    what: "fill_L4".into(),
                    loops: vec![],
                    predicted: None,
                    makes: Some(PlannedArray {
                        array: 0,
                        layout: PlannedLayout::Rows {
                            ghost: 1,
                            along: None,
                        },
                    }),
                    comm: vec![],
                },
                PlannedStmt {
                    label: "@f s0".into(),
                    line: 12,
                    what: "store_L12".into(),
                    loops: vec![0, 1],
                    predicted: Some(1.5e-3),
                    makes: Some(PlannedArray {
                        array: 1,
                        layout: PlannedLayout::Rows {
                            ghost: 0,
                            along: Some(2),
                        },
                    }),
                    comm: vec![
                        PlannedComm::HaloExchange(0),
                        PlannedComm::Allreduce,
                        PlannedComm::Fetch(1),
                    ],
                },
                PlannedStmt {
                    label: "@f s7".into(),
                    line: 13,
                    what: "lt_frame_run".into(),
                    loops: vec![1],
                    predicted: None,
                    makes: None,
                    comm: vec![PlannedComm::Gather(1), PlannedComm::Broadcast(0), PlannedComm::Shuffle(1), PlannedComm::ReadSplit],
                },
                PlannedStmt {
                    label: "@main s9".into(),
                    line: 20,
                    what: "copy".into(),
                    loops: vec![],
                    predicted: Some(0.25),
                    makes: Some(PlannedArray {
                        array: 1,
                        layout: PlannedLayout::Replicated,
                    }),
                    comm: vec![],
                },
            ],
            predicted_for: Some(RunConfig { ranks: 4, threads: 2, device: "cpu".into(), arguments: "[1024, 0.5, 'x']".into() }),
        };
        let text = table.encode();
        assert_eq!(PlanTable::decode(&text), Ok(table.clone()));
        assert!(
            text.contains("stmt @f s0\tA1 rows 0 along 2\tx0 r f1\t12\tstore_L12\t0,1\t1.5e-3\n"),
            "{text}"
        );
        assert!(text.ends_with("predicted_for 4\t2\tcpu\t[1024, 0.5, 'x']\n"), "{text}");
        assert_eq!(table.predicted_for.as_ref().map(RunConfig::describe).as_deref(), Some("4 ranks x 2 threads on the CPU, arguments [1024, 0.5, 'x']"));
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert!(PlanTable::decode("something else\n").is_err());
        assert!(PlanTable::decode("legatec-plan 2\nstmt @main s1\tA0 cols\t\n").is_err());
        assert!(PlanTable::decode("legatec-plan 2\nstmt @main s1\t-\tq3\n").is_err());
        assert!(PlanTable::decode("legatec-plan 2\nstmt @main s1\t-\n").is_err());
    }
}
