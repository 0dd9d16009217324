//! `LEGATEC_PROFILE`: where a run's time goes, by statement of the source.
//!
//! The generated code enters the plan table's entry of every statement that computes, makes
//! an array or may communicate (`lt_stmt`); the profile charges the time from one entry to
//! the next to the first (the host code between them is scalar work of the same line), and
//! the growth of [`comm::MPI_NANOS`] and [`comm::MPI_BYTES`] meanwhile to its
//! communication. So profiling costs one clock read per statement. At exit (`finish`),
//! `LEGATEC_PROFILE=1` prints on rank 0, to standard error, a table per statement (source
//! line, what it runs, count, seconds, share, of which MPI, bytes sent, and measured /
//! predicted where the program was built with `--machine`) and per loop (the statements
//! inside it, with those of the functions only it calls); `LEGATEC_PROFILE=path.json` writes the same
//! as JSON on every rank (`path.json` for one rank, `path.<rank>.json` for several), which
//! `legatec --report ... --profile path.json` sets beside the prediction. On a GPU the host
//! does not wait for kernels, so a statement's host time is its launch's until a later one
//! waits; the device's own time per statement comes from CUDA events (`gpu::profile_mark`:
//! one recorded on the stream at each statement, the interval to the next charged to it),
//! a `gpu s` column and `gpu_seconds` in JSON, and is what measured / predicted divides.

use std::cell::RefCell;
use std::sync::atomic::Ordering;
use std::time::Instant;

use runtime_abi::plan_table::{PlanTable, RunConfig};
use runtime_abi::json::{number as json_num, string as json_str};

use crate::comm;

/// Where the profile goes.
enum Output {
    Text,
    Json(String),
}

#[derive(Clone, Default)]
struct Entry {
    count: u64,
    seconds: f64,
    mpi_seconds: f64,
    mpi_bytes: u64,
}

struct State {
    output: Output,
    start: Instant,
    entries: Vec<Entry>,
    /// The statement running, since when, and the MPI counters then.
    current: Option<(usize, Instant, u64, u64)>,
    /// The GPU's timeline could not be read (said once).
    gpu_failed: bool,
}

thread_local! {
    /// The profile of the host program (single-threaded: `lt_stmt` and `lt_finalize` run on
    /// the thread that runs `main`).
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
}

/// Starts profiling if `LEGATEC_PROFILE` asks for it (at start-up, after the plan table).
pub fn init(statements: usize) {
    let output = match std::env::var("LEGATEC_PROFILE") {
        Ok(v) if v.is_empty() || v == "0" => return,
        Ok(v) if v == "1" => Output::Text,
        Ok(path) => Output::Json(path),
        Err(_) => return,
    };
    let state = State { output, start: Instant::now(), entries: vec![Entry::default(); statements], current: None, gpu_failed: false };
    STATE.with(|s| *s.borrow_mut() = Some(state));
}

fn close(state: &mut State, now: Instant) {
    if let Some((index, since, nanos, bytes)) = state.current.take() {
        let entry = &mut state.entries[index];
        entry.seconds += (now - since).as_secs_f64();
        entry.mpi_seconds += comm::MPI_NANOS.load(Ordering::Relaxed).saturating_sub(nanos) as f64 * 1e-9;
        entry.mpi_bytes += comm::MPI_BYTES.load(Ordering::Relaxed).saturating_sub(bytes);
    }
}

/// The program enters statement `index` of the plan table.
pub fn enter(index: i64) {
    STATE.with(|s| {
        if let Some(state) = s.borrow_mut().as_mut() {
            enter_state(state, index);
        }
    });
}

fn enter_state(state: &mut State, index: i64) {
    let now = Instant::now();
    close(state, now);
    let Ok(index) = usize::try_from(index) else { return };
    if index < state.entries.len() {
        if let Err(e) = crate::gpu::profile_mark(index) {
            eprintln!("legatec: the profile stops timing the GPU: {}", e.message);
            state.gpu_failed = true;
        }
        state.entries[index].count += 1;
        state.current = Some((index, now, comm::MPI_NANOS.load(Ordering::Relaxed), comm::MPI_BYTES.load(Ordering::Relaxed)));
    }
}

/// Ends the profile (at `lt_finalize`) and writes it; `arguments` are the run's parsed
/// command-line arguments (`argparse_spec::values_text`).
pub fn finish(table: Option<&PlanTable>, arguments: &str) {
    let Some(mut state) = STATE.with(|s| s.borrow_mut().take()) else { return };
    // Device seconds per statement where a GPU ran (`None` otherwise).
    let gpu = if state.gpu_failed {
        None
    } else {
        crate::gpu::profile_finish().unwrap_or_else(|e| {
            eprintln!("legatec: the profile cannot read the GPU's timeline: {}", e.message);
            None
        })
    };
    let gpu_of = |i: usize| gpu.as_ref().map(|g| g.get(i).copied().unwrap_or(0.0));
    let now = Instant::now();
    close(&mut state, now);
    let total = (now - state.start).as_secs_f64();
    let empty = PlanTable::default();
    let table = table.unwrap_or(&empty);
    let stmts = &table.stmts;
    // This run's configuration: the predictions are compared only with a run of the one
    // they were made for.
    let run = RunConfig {
        ranks: comm::size() as u32,
        threads: rayon::current_num_threads() as u32,
        device: if crate::gpu::is_on() { "gpu" } else { "cpu" }.to_string(),
        arguments: arguments.to_string(),
    };
    let comparable = table.predicted_for.as_ref().is_none_or(|p| *p == run);
    let predicted_of = |s: &runtime_abi::plan_table::PlannedStmt| s.predicted.filter(|_| comparable);
    // Per loop: the statements inside it (and in the functions only it calls: the plan
    // table's `loops`), and the predictions of those that have
    // one (`None` where none has).
    let mut loops = vec![(0.0f64, Option::<f64>::None, 0.0f64); table.loops.len()];
    for (i, (e, s)) in state.entries.iter().zip(stmts).enumerate() {
        for &l in &s.loops {
            if let Some(slot) = loops.get_mut(l as usize) {
                slot.0 += e.seconds;
                slot.2 += gpu_of(i).unwrap_or(0.0);
                if let Some(p) = predicted_of(s) {
                    slot.1 = Some(slot.1.unwrap_or(0.0) + p * e.count as f64);
                }
            }
        }
    }
    let (rank, size) = (comm::rank(), comm::size());
    match &state.output {
        Output::Text => {
            if rank != 0 {
                return;
            }
            let mut order: Vec<usize> = (0..state.entries.len().min(stmts.len())).filter(|&i| state.entries[i].count > 0).collect();
            order.sort_by(|&a, &b| state.entries[b].seconds.total_cmp(&state.entries[a].seconds));
            // With a GPU: its seconds beside the host's, and they are what the prediction
            // of a kernel is compared with.
            let gpu_column = |v: Option<f64>| match (&gpu, v) {
                (None, _) => String::new(),
                (Some(_), Some(v)) => format!(" {v:>12.6}"),
                (Some(_), None) => format!(" {:>12}", ""),
            };
            let mut out = format!(
                "legatec profile (rank 0 of {size}): {total:.6} s from start-up to exit\n{:>6}  {:<28} {:>9} {:>12} {:>6} {:>12} {:>12}{} {:>12}\n",
                "line",
                "what",
                "count",
                "seconds",
                "share",
                "mpi s",
                "mpi bytes",
                if gpu.is_some() { format!(" {:>12}", "gpu s") } else { String::new() },
                "/predicted"
            );
            if let (false, Some(p)) = (comparable, &table.predicted_for) {
                out.push_str(&format!(
                    "  (no measured/predicted: the predictions are for {}; this run is {}. Build with --machine and --ranks, --threads, --device and -- ARGS of this run to compare)\n",
                    p.describe(),
                    run.describe()
                ));
            }
            for i in order {
                let (e, s) = (&state.entries[i], &stmts[i]);
                let measured = gpu_of(i).unwrap_or(e.seconds);
                let ratio = predicted_of(s).filter(|p| *p > 0.0).map_or("-".to_string(), |p| format!("{:.2}", measured / (p * e.count as f64)));
                let what: String = s.what.chars().take(28).collect();
                out.push_str(&format!(
                    "{:>6}  {:<28} {:>9} {:>12.6} {:>5.1}% {:>12.6} {:>12}{} {:>12}\n",
                    s.line,
                    what,
                    e.count,
                    e.seconds,
                    100.0 * e.seconds / total.max(1e-12),
                    e.mpi_seconds,
                    e.mpi_bytes,
                    gpu_column(gpu_of(i)),
                    ratio
                ));
            }
            if !table.loops.is_empty() {
                out.push_str("loops (the statements inside each, with those of the functions only it calls):\n");
                for (l, (seconds, predicted, gpu_seconds)) in table.loops.iter().zip(&loops) {
                    let measured = if gpu.is_some() { *gpu_seconds } else { *seconds };
                    let ratio = predicted.filter(|p| *p > 0.0).map_or("-".to_string(), |p| format!("{:.2}", measured / p));
                    out.push_str(&format!(
                        "{:>6}  {:<28} {:>9} {:>12.6} {:>5.1}% {:>12} {:>12}{} {:>12}\n",
                        l.line,
                        "loop",
                        "",
                        seconds,
                        100.0 * seconds / total.max(1e-12),
                        "",
                        "",
                        gpu_column(gpu.as_ref().map(|_| *gpu_seconds)),
                        ratio
                    ));
                }
            }
            eprint!("{out}");
        }
        Output::Json(path) => {
            let statements: Vec<String> = state
                .entries
                .iter()
                .zip(stmts)
                .enumerate()
                .filter(|(_, (e, _))| e.count > 0)
                .map(|(i, (e, s))| {
                    format!(
                        "{{\"label\": {}, \"line\": {}, \"what\": {}, \"count\": {}, \"seconds\": {}, \"mpi_seconds\": {}, \"mpi_bytes\": {}, \"gpu_seconds\": {}, \"predicted_seconds\": {}}}",
                        json_str(&s.label),
                        s.line,
                        json_str(&s.what),
                        e.count,
                        json_num(Some(e.seconds)),
                        json_num(Some(e.mpi_seconds)),
                        e.mpi_bytes,
                        json_num(gpu_of(i)),
                        json_num(predicted_of(s).map(|p| p * e.count as f64))
                    )
                })
                .collect();
            let loop_rows: Vec<String> = table
                .loops
                .iter()
                .zip(&loops)
                .map(|(l, (seconds, predicted, gpu_seconds))| {
                    format!(
                        "{{\"label\": {}, \"line\": {}, \"seconds\": {}, \"gpu_seconds\": {}, \"predicted_seconds\": {}}}",
                        json_str(&l.label),
                        l.line,
                        json_num(Some(*seconds)),
                        json_num(gpu.as_ref().map(|_| *gpu_seconds)),
                        json_num(*predicted)
                    )
                })
                .collect();
            let text = format!(
                "{{\"rank\": {rank}, \"ranks\": {size}, \"threads\": {}, \"device\": {}, \"arguments\": {}, \"predicted_for\": {}, \"total_seconds\": {}, \"statements\": [\n  {}\n], \"loops\": [\n  {}\n]}}\n",
                run.threads,
                json_str(&run.device),
                json_str(&run.arguments),
                table.predicted_for.as_ref().map_or("null".to_string(), |p| json_str(&p.describe())),
                json_num(Some(total)),
                statements.join(",\n  "),
                loop_rows.join(",\n  ")
            );
            let file = if size > 1 {
                match path.strip_suffix(".json") {
                    Some(stem) => format!("{stem}.{rank}.json"),
                    None => format!("{path}.{rank}"),
                }
            } else {
                path.clone()
            };
            if let Err(e) = std::fs::write(&file, text) {
                eprintln!("legatec: cannot write the profile `{file}`: {e}");
            }
        }
    }
}
