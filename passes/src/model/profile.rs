//! A run's profile (`LEGATEC_PROFILE=run.json ./app`, written by `runtime-core`'s
//! `profile.rs`) read back against the module it was built from, and set beside the
//! prediction: what `legatec --report --machine M --profile run.json` shows as text, JSON
//! and HTML, and what the `kernel-below-bound` lint reads.

use std::collections::HashMap;

use ir::{Module, StmtRef};
use serde::Deserialize;

use super::Prediction;
use crate::lints::{BELOW_BOUND, BELOW_BOUND_SECONDS};

/// A profile whose statements are this module's.
#[derive(Clone, Debug)]
pub struct Profile {
    pub path: String,
    pub rank: u64,
    pub ranks: u64,
    /// From start-up to exit.
    pub total_seconds: f64,
    pub statements: Vec<Measured>,
    /// Per loop: the loop, its line and the seconds of the statements inside it and in the
    /// functions only it calls (the device's where a GPU ran).
    pub loops: Vec<(StmtRef, u64, f64)>,
    /// The run's ranks, threads, device and arguments (absent in profiles written before
    /// they were recorded).
    pub run: Option<runtime_abi::plan_table::RunConfig>,
}

/// One statement of a profile.
#[derive(Clone, Debug)]
pub struct Measured {
    pub at: StmtRef,
    pub line: u64,
    pub what: String,
    pub count: f64,
    pub seconds: f64,
    /// Of which in MPI calls.
    pub mpi_seconds: f64,
    /// The device's time for it, where a GPU ran (CUDA events).
    pub gpu_seconds: Option<f64>,
}

impl Measured {
    /// What the prediction is compared with: the device's time where a GPU ran (the host
    /// only queues kernels), the host's otherwise.
    pub fn time(&self) -> f64 {
        self.gpu_seconds.unwrap_or(self.seconds)
    }
}

#[derive(Deserialize)]
struct Raw {
    rank: u64,
    ranks: u64,
    total_seconds: f64,
    statements: Vec<RawStatement>,
    #[serde(default)]
    loops: Vec<RawLoop>,
    #[serde(default)]
    threads: Option<u32>,
    #[serde(default)]
    device: Option<String>,
    #[serde(default)]
    arguments: Option<String>,
}

#[derive(Deserialize)]
struct RawStatement {
    label: String,
    line: u64,
    what: String,
    count: f64,
    seconds: f64,
    #[serde(default)]
    mpi_seconds: f64,
    #[serde(default)]
    gpu_seconds: Option<f64>,
}

#[derive(Deserialize)]
struct RawLoop {
    label: String,
    line: u64,
    seconds: f64,
    #[serde(default)]
    gpu_seconds: Option<f64>,
}

/// Every statement of `module` by its label in the IR printer (`L12`), which the plan table
/// and so the profile name statements by.
fn statements_by_label(module: &Module) -> HashMap<String, StmtRef> {
    let labels = ir::print::StmtLabels::new(module);
    let mut out = HashMap::new();
    for (func, f) in module.functions.iter() {
        ir::walk_stmts(&f.body, &mut |s| {
            let at = StmtRef { func, stmt: s.id };
            out.insert(labels.label(at), at);
        });
    }
    out
}

impl Profile {
    /// Reads the JSON profile `text` (from `path`) of a run of `module`. The error says why it
    /// is not one.
    pub fn parse(module: &Module, path: &str, text: &str) -> Result<Profile, String> {
        let raw: Raw = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let by_label = statements_by_label(module);
        let find = |label: &str| {
            by_label.get(label).copied().ok_or_else(|| format!("statement `{label}` is not this script's: was it built from another version?"))
        };
        let mut statements = Vec::new();
        for s in raw.statements {
            statements.push(Measured { at: find(&s.label)?, line: s.line, what: s.what, count: s.count, seconds: s.seconds, mpi_seconds: s.mpi_seconds, gpu_seconds: s.gpu_seconds });
        }
        let mut loops = Vec::new();
        for l in raw.loops {
            loops.push((find(&l.label)?, l.line, l.gpu_seconds.unwrap_or(l.seconds)));
        }
        let run = match (raw.threads, raw.device, raw.arguments) {
            (Some(threads), Some(device), Some(arguments)) => {
                Some(runtime_abi::plan_table::RunConfig { ranks: raw.ranks as u32, threads, device, arguments })
            }
            _ => None,
        };
        Ok(Profile { path: path.to_string(), rank: raw.rank, ranks: raw.ranks, total_seconds: raw.total_seconds, statements, loops, run })
    }
}

/// The prediction beside a profile.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// The whole run: predicted (where known) and measured.
    pub whole: (Option<f64>, f64),
    /// Per loop of the profile: the loop, its line, predicted and measured seconds over the run.
    pub loops: Vec<(StmtRef, u64, Option<f64>, f64)>,
    /// Per statement, largest misses first: measured and the prediction for as many
    /// executions (`None`: the model gives it no time).
    pub statements: Vec<(Measured, Option<f64>)>,
}

impl Comparison {
    pub fn new(p: &Prediction, profile: &Profile) -> Comparison {
        let per = p.per_execution();
        let mut statements: Vec<(Measured, Option<f64>)> =
            profile.statements.iter().map(|m| (m.clone(), per.get(&m.at).map(|s| s * m.count))).collect();
        let miss = |r: &(Measured, Option<f64>)| (r.0.time() - r.1.unwrap_or(0.0)).abs();
        statements.sort_by(|a, b| miss(b).total_cmp(&miss(a)));
        let loops = profile
            .loops
            .iter()
            .map(|&(at, line, seconds)| {
                let predicted = p
                    .loops
                    .iter()
                    .find(|c| c.stmt == at)
                    .and_then(|c| c.seconds_per_iteration.zip(c.trips).zip(c.count).map(|((s, t), k)| s * t * k));
                (at, line, predicted, seconds)
            })
            .collect();
        Comparison { whole: (p.seconds, profile.total_seconds), loops, statements }
    }

    /// The statements that took more than `lints::BELOW_BOUND` times their prediction (and
    /// over `lints::BELOW_BOUND_SECONDS`): what `kernel-below-bound` names.
    pub fn below_bound(&self) -> Vec<&(Measured, Option<f64>)> {
        self.statements
            .iter()
            .filter(|(m, p)| p.is_some_and(|p| p > 0.0 && m.time() > BELOW_BOUND * p && m.time() > BELOW_BOUND_SECONDS))
            .collect()
    }
}
