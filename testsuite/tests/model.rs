//! The performance model (`legatec --report --machine M --ranks N -- ARGS`) and the lints of
//! the plan (`--deny LINT`), on `testsuite/model/`: predictions on a machine of round numbers
//! (`model/round.toml`) equal the ones computed by hand from the model's definitions
//! (`passes::model`), and the whole run is the sum of its parts.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;
use testsuite::process::{find_legatec, testsuite_dir};

fn model_dir() -> PathBuf {
    testsuite_dir().join("model")
}

fn report(script: &str, flags: &[&str], program_args: &[&str]) -> Value {
    let dir = model_dir();
    let mut cmd = Command::new(find_legatec().unwrap_or_else(|e| panic!("{e}")));
    cmd.arg("--report").arg("--report-format").arg("json").arg("--machine").arg(dir.join("round.toml"));
    cmd.args(flags).arg(dir.join(script)).arg("--").args(program_args);
    let out = cmd.output().expect("legatec runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).expect("the report is JSON");
    json["model"].clone()
}

fn kernel<'a>(model: &'a Value, line: u64) -> &'a Value {
    model["kernels"].as_array().unwrap().iter().find(|k| k["line"] == line).unwrap_or_else(|| panic!("no kernel at line {line}: {model}"))
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1e-12)
}

#[test]
fn a_stencil_reads_its_grid_once_while_the_layer_condition_holds() {
    let m = report("stencil.py", &["--ranks", "1", "--threads", "1"], &["--rows", "100", "--cols", "100", "--iters", "5"]);
    // The `while` loop runs 5 times (its last test is not an iteration).
    let l = &m["loops"][0];
    assert_eq!((l["line"].as_u64(), num(&l["trips"])), (Some(17), 5.0), "{m}");
    let k = kernel(&m, 19);
    // 100 x 100 points; five views of `grid` within 3 rows of 800 bytes share cache lines:
    // one read of 80,000 bytes and one write of 80,000; 4 additions and 1 multiplication.
    assert_eq!((num(&k["points"]), num(&k["bytes"]), num(&k["flops"])), (1e4, 1.6e5, 5e4), "{k}");
    // Triad bandwidth of one thread, 1e10 B/s, then 5e4 operations at 1e10/s (a CPU core does
    // not overlap them), then a launch (1e-6 s).
    assert!(close(num(&k["seconds"]), 1.6e5 / 1e10 + 5e4 / 1e10 + 1e-6), "{k}");
    assert_eq!(k["bound"], "memory");
    assert_eq!(num(&k["count"]), 5.0);
    // `center[:] = work` writes a view of `grid` from another array: no temporary.
    assert_eq!(num(&kernel(&m, 22)["bytes"]), 1.6e5, "{m}");
    // The sum runs in the iterations where `count % 2 == 0`: twice.
    assert_eq!(num(&kernel(&m, 21)["count"]), 2.0, "{m}");
    // One process: no communication.
    assert_eq!(m["communication"].as_array().unwrap().len(), 0, "{m}");
    // The whole run is the sum of its kernels.
    let sum: f64 = m["kernels"].as_array().unwrap().iter().map(|k| num(&k["seconds"]) * num(&k["count"])).sum();
    assert!(close(num(&m["predicted_seconds"]), sum), "{m}");
}

#[test]
fn without_the_layer_condition_each_row_offset_is_read() {
    // Rows of 800,000 bytes: three of them exceed half the L2 (512 KiB), so the views at rows
    // 0, 1 and 2 of `grid` are three reads.
    let m = report("stencil.py", &["--ranks", "1", "--threads", "1"], &["--rows", "4", "--cols", "100000", "--iters", "1"]);
    let k = kernel(&m, 19);
    assert_eq!(num(&k["bytes"]), 4.0 * 4e5 * 8.0, "{k}");
}

#[test]
fn ranks_split_the_rows_and_exchange_halos() {
    let m = report("stencil.py", &["--ranks", "2", "--threads", "1"], &["--rows", "100", "--cols", "100", "--iters", "5"]);
    let k = kernel(&m, 19);
    assert_eq!((num(&k["points"]), k["split"].as_bool()), (5e3, Some(true)), "{k}");
    // Two ranks of one thread share the bandwidth of two threads, which this machine measured
    // as that of one (its rows are at 1 and 4 threads): 5e9 B/s each.
    assert!(close(num(&k["seconds"]), 8e4 / 5e9 + 2.5e4 / 1e10 + 1e-6), "{k}");
    let comm = m["communication"].as_array().unwrap();
    let halo = comm.iter().find(|c| c["line"] == 19).unwrap_or_else(|| panic!("{m}"));
    // Two messages of one ghost row of 102 float64 values: latency 1e-6, bandwidth 1e9.
    assert_eq!((num(&halo["messages"]), num(&halo["bytes"]), num(&halo["count"])), (2.0, 1632.0, 5.0), "{halo}");
    assert!(close(num(&halo["seconds"]), 2.0 * 1e-6 + 1632.0 / 1e9), "{halo}");
    let allreduce = comm.iter().find(|c| c["line"] == 21).unwrap_or_else(|| panic!("{m}"));
    assert_eq!((num(&allreduce["messages"]), num(&allreduce["count"])), (1.0, 2.0), "{allreduce}");
    let work: f64 = m["kernels"].as_array().unwrap().iter().map(|k| num(&k["seconds"]) * num(&k["count"])).sum();
    let messages: f64 = comm.iter().map(|c| num(&c["seconds"]) * num(&c["count"])).sum();
    assert!(close(num(&m["predicted_seconds"]), work + messages), "{m}");
}

#[test]
fn a_loop_that_ends_on_computed_values_has_no_whole_run_time() {
    let m = report("converge.py", &["--ranks", "1"], &[]);
    assert!(m["predicted_seconds"].is_null(), "{m}");
    let l = &m["loops"][0];
    assert!(l["trips"].is_null(), "{m}");
    // One iteration is still known: a store and a sum.
    assert!(num(&l["seconds_per_iteration"]) > 0.0, "{m}");
}

#[test]
fn arguments_that_do_not_parse_are_an_error() {
    let dir = model_dir();
    let out = Command::new(find_legatec().unwrap())
        .args(["--report", "--machine"])
        .arg(dir.join("round.toml"))
        .arg(dir.join("stencil.py"))
        .args(["--", "--rows", "many"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("argument --rows: invalid int value: 'many'"), "{stderr}");
    let unknown = Command::new(find_legatec().unwrap()).args(["--report", "--machine", "no-such-machine"]).arg(dir.join("stencil.py")).output().unwrap();
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no machine `no-such-machine`"));
}

#[test]
fn a_gather_in_a_loop_warns_and_can_be_denied() {
    let dir = tempfile::tempdir().unwrap();
    let script = model_dir().join("gather_loop.py");
    let legatec = find_legatec().unwrap();
    let warned = Command::new(&legatec).arg(&script).arg("-o").arg(dir.path().join("app")).env("NO_COLOR", "1").output().unwrap();
    assert!(warned.status.success(), "{}", String::from_utf8_lossy(&warned.stderr));
    let stderr = String::from_utf8_lossy(&warned.stderr);
    assert!(stderr.contains("gather-in-loop") && stderr.contains("gather_loop.py:7:9"), "{stderr}");
    let denied =
        Command::new(&legatec).args(["--deny", "gather-in-loop"]).arg(&script).arg("-o").arg(dir.path().join("denied")).env("NO_COLOR", "1").output().unwrap();
    assert_eq!(denied.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&denied.stderr);
    assert!(stderr.contains("denied by `--deny`") && stderr.contains("could not compile"), "{stderr}");
    assert!(!dir.path().join("denied").exists());
    let bad = Command::new(&legatec).args(["--deny", "no-such-lint"]).arg(&script).output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no such lint"));
}

#[test]
fn an_in_place_stencil_writes_each_point_once() {
    // `p[1:-1, 1:-1] = ...p[2:, 1:-1]...` reads rows of `p` it writes: the runtime computes
    // row blocks into temporaries that stay in cache and writes each back once (the GPU
    // writes a second buffer), so the 100 x 100 result is written once (80,000 bytes)
    // besides the one read of `p` (80,000).
    let m = report("inplace.py", &["--ranks", "1", "--threads", "1"], &[]);
    let k = kernel(&m, 8);
    assert_eq!((num(&k["points"]), num(&k["bytes"])), (1e4, 2.0 * 8e4), "{k}");
}

#[test]
fn a_profiled_run_sits_beside_its_prediction() {
    let dir = tempfile::tempdir().unwrap();
    let legatec = find_legatec().unwrap();
    let script = model_dir().join("stencil.py");
    let machine = model_dir().join("round.toml");
    let args = ["--rows", "100", "--cols", "100", "--iters", "5"];
    let app = dir.path().join("app");
    let built = Command::new(&legatec)
        .arg(&script)
        .args(["--target", "cpu", "--ranks", "1", "--threads", "1", "--machine"])
        .arg(&machine)
        .arg("-o")
        .arg(&app)
        .arg("--")
        .args(args)
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let profile = dir.path().join("run.json");
    let run = Command::new(&app).args(args).env("LEGATEC_PROFILE", &profile).env("RAYON_NUM_THREADS", "1").output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&profile).unwrap()).unwrap();
    let stencil = json["statements"].as_array().unwrap().iter().find(|s| s["line"] == 19 && s["what"].as_str().unwrap().starts_with("store")).unwrap();
    // Five sweeps, each predicted as the report says (per execution), so five times that.
    let m = report("stencil.py", &["--ranks", "1", "--threads", "1"], &args);
    assert_eq!(num(&stencil["count"]), 5.0, "{stencil}");
    assert!(close(num(&stencil["predicted_seconds"]), 5.0 * num(&kernel(&m, 19)["seconds"])), "{stencil}");
    assert!(num(&stencil["seconds"]) > 0.0 && num(&json["total_seconds"]) >= num(&stencil["seconds"]), "{json}");
    // The loop holds the statements written in it.
    let l = &json["loops"][0];
    assert_eq!(l["line"], 17);
    assert!(num(&l["seconds"]) >= num(&stencil["seconds"]), "{json}");
    // The report sets them side by side.
    let side = Command::new(&legatec).args(["--report", "--ranks", "1", "--threads", "1", "--machine"]).arg(&machine).arg("--profile").arg(&profile).arg(&script).arg("--").args(args).output().unwrap();
    assert!(side.status.success(), "{}", String::from_utf8_lossy(&side.stderr));
    let text = String::from_utf8_lossy(&side.stdout);
    assert!(text.contains("statements, largest misses first:") && text.contains("line 19 store_L19: 5 x, predicted"), "{text}");
    // As JSON: every statement with its ratio, and the loop.
    let compared = report("stencil.py", &["--ranks", "1", "--threads", "1", "--profile", profile.to_str().unwrap()], &args);
    let compared = &compared["profile"];
    let row = compared["statements"].as_array().unwrap().iter().find(|s| s["line"] == 19 && s["what"] == stencil["what"]).unwrap();
    assert!(close(num(&row["measured_seconds"]), num(&stencil["seconds"])), "{row}");
    assert!(close(num(&row["ratio"]), num(&stencil["seconds"]) / num(&row["predicted_seconds"])), "{row}");
    assert!(close(num(&compared["measured_seconds"]), num(&json["total_seconds"])), "{compared}");
    assert_eq!(compared["loops"][0]["line"], 17, "{compared}");
    // As HTML: the loop's measured bar and the kernel's measured point on the roofline.
    let page = html(&["--ranks", "1", "--threads", "1", "--profile", profile.to_str().unwrap()], &args);
    assert!(page.contains("measured <b>") && page.contains(">measured</text>"), "{page}");
    assert!(page.contains(": measured ") && page.contains("flop/s</title></circle>"), "{page}");
    // Where a GPU ran, the device's seconds (CUDA events) are what the prediction is
    // compared with: the same profile with the stencil's device time set to 7 ms.
    let mut on_gpu = json.clone();
    for st in on_gpu["statements"].as_array_mut().unwrap() {
        let device = if st["label"] == stencil["label"] { 0.007 } else { 0.0 };
        st["gpu_seconds"] = serde_json::json!(device);
    }
    let gpu_profile = dir.path().join("gpu.json");
    std::fs::write(&gpu_profile, on_gpu.to_string()).unwrap();
    let compared_gpu = report("stencil.py", &["--ranks", "1", "--threads", "1", "--profile", gpu_profile.to_str().unwrap()], &args);
    let row = compared_gpu["profile"]["statements"].as_array().unwrap().iter().find(|s| s["line"] == 19 && s["what"] == stencil["what"]).unwrap().clone();
    assert!(close(num(&row["measured_seconds"]), 0.007), "{row}");
    assert!(close(num(&row["ratio"]), 0.007 / num(&row["predicted_seconds"])), "{row}");
    // Text on standard error, and nothing on standard output changes.
    let plain = Command::new(&app).args(args).output().unwrap();
    let texted = Command::new(&app).args(args).env("LEGATEC_PROFILE", "1").output().unwrap();
    assert_eq!(plain.stdout, texted.stdout);
    assert!(String::from_utf8_lossy(&texted.stderr).starts_with("legatec profile (rank 0 of 1)"));
    // The profile records its run; ratios only for the run the predictions are for.
    assert_eq!((json["threads"].as_u64(), json["arguments"].as_str()), (Some(1), Some("[100, 100, 5]")), "{json}");
    assert_eq!(json["predicted_for"], "1 rank x 1 thread on the CPU, arguments [100, 100, 5]", "{json}");
    let other = ["--rows", "100", "--cols", "60", "--iters", "5"];
    let elsewhere = dir.path().join("other.json");
    let run = Command::new(&app).args(other).env("LEGATEC_PROFILE", &elsewhere).env("RAYON_NUM_THREADS", "1").output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&elsewhere).unwrap()).unwrap();
    assert!(json["statements"].as_array().unwrap().iter().all(|s| s["predicted_seconds"].is_null()), "{json}");
    assert!(json["loops"].as_array().unwrap().iter().all(|l| l["predicted_seconds"].is_null()), "{json}");
    let texted = Command::new(&app).args(other).env("LEGATEC_PROFILE", "1").env("RAYON_NUM_THREADS", "1").output().unwrap();
    let text = String::from_utf8_lossy(&texted.stderr);
    assert!(text.contains("the predictions are for 1 rank x 1 thread on the CPU, arguments [100, 100, 5]; this run is 1 rank x 1 thread on the CPU, arguments [100, 60, 5]"), "{text}");
    // `--report --profile` of another run's profile is an error, not a comparison.
    let side = Command::new(&legatec).args(["--report", "--ranks", "1", "--threads", "1", "--machine"]).arg(&machine).arg("--profile").arg(&elsewhere).arg(&script).arg("--").args(args).output().unwrap();
    assert_eq!(side.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&side.stderr);
    assert!(stderr.contains("is of a run of 1 rank x 1 thread on the CPU, arguments [100, 60, 5], the prediction is for 1 rank x 1 thread on the CPU, arguments [100, 100, 5]"), "{stderr}");
}

#[test]
fn a_question_the_description_cannot_answer_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let legatec = find_legatec().unwrap();
    let script = model_dir().join("stencil.py");
    let round = std::fs::read_to_string(model_dir().join("round.toml")).unwrap();
    let run = |machine: &std::path::Path, flags: &[&str]| {
        let out = Command::new(&legatec).args(["--report", "--machine"]).arg(machine).args(flags).arg(&script).output().unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    // No GPU in the description: `--device gpu` cannot be predicted.
    let no_gpu = dir.path().join("no_gpu.toml");
    std::fs::write(&no_gpu, &round[..round.find("[gpu]").unwrap()]).unwrap();
    let (code, stderr) = run(&no_gpu, &["--device", "gpu"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("has no GPU in its description"), "{stderr}");
    // No MPI measurement: several ranks cannot be predicted.
    let no_mpi = dir.path().join("no_mpi.toml");
    std::fs::write(&no_mpi, &round[..round.find("[mpi]").unwrap()]).unwrap();
    let (code, stderr) = run(&no_mpi, &["--ranks", "2"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("has no MPI measurement"), "{stderr}");
    // A profile legatec did not write.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"rank\": 0}").unwrap();
    let (code, stderr) = run(&model_dir().join("round.toml"), &["--profile", bad.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("is not a profile legatec wrote"), "{stderr}");
}

/// The HTML report of `model/stencil.py` on the round machine.
fn html(flags: &[&str], program_args: &[&str]) -> String {
    let legatec = find_legatec().unwrap();
    let out = Command::new(&legatec)
        .args(["--report", "--report-format", "html", "--machine"])
        .arg(model_dir().join("round.toml"))
        .args(flags)
        .arg(model_dir().join("stencil.py"))
        .arg("--")
        .args(program_args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_html_report_draws_blocks_loops_and_a_roofline() {
    let page = html(&["--ranks", "3", "--threads", "1"], &["--rows", "10", "--cols", "8", "--iters", "4"]);
    // Self-contained: no script, nothing fetched.
    for banned in ["<script", "http://", "https://", "src=", "@import"] {
        assert!(!page.contains(banned), "{banned} in {page}");
    }
    // grid has 12 rows over 3 ranks: the runtime's even blocks, ghost rows hatched on every
    // side with a neighbour (rank 0 after, rank 1 both, rank 2 before).
    let grid = &page[page.find("<b>grid</b>").unwrap()..];
    let grid = &grid[..grid.find("</figure>").unwrap()];
    for rows in ["rows 0-3", "rows 4-7", "rows 8-11"] {
        assert!(grid.contains(rows), "{rows} in {grid}");
    }
    assert_eq!(grid.matches("fill=\"url(#hatch)\"").count(), 4, "{grid}");
    // work (10 rows) sits beside grid's rows 1..=10: ranks own rows 0-2, 3-6, 7-9, no ghosts.
    let work = &page[page.find("<b>work</b>").unwrap()..];
    let work = &work[..work.find("</figure>").unwrap()];
    for rows in ["rows 0-2", "rows 3-6", "rows 7-9"] {
        assert!(work.contains(rows), "{rows} in {work}");
    }
    assert!(!work.contains("url(#hatch)\""), "{work}");
    // The loop's bar: predicted segments for the stencil at line 19 and the halo exchange.
    let m = report("stencil.py", &["--ranks", "3", "--threads", "1"], &["--rows", "10", "--cols", "8", "--iters", "4"]);
    assert!(page.contains("<title>line 19 store_L19: "), "{page}");
    assert!(page.contains("class=\"c\"") && page.contains("halo exchange of grid"), "{page}");
    let per_iteration = num(&m["loops"][0]["seconds_per_iteration"]);
    assert!(page.contains(&format!("4 iteration(s) × {}", passes::report::seconds_text(per_iteration))), "{page}");
    // The roofline: the stencil as a point at its intensity, with the machine's two roofs.
    let k = kernel(&m, 19);
    let intensity = num(&k["flops"]) / num(&k["bytes"]);
    assert!(page.contains(&format!("<title>line 19 store_L19: {intensity:.3} flop/B")), "{page}");
    assert!(page.contains("<title>roof: min("), "{page}");
}

#[test]
fn a_loop_profile_holds_the_functions_only_it_calls() {
    let dir = tempfile::tempdir().unwrap();
    let legatec = find_legatec().unwrap();
    let app = dir.path().join("app");
    let built = Command::new(&legatec)
        .arg(model_dir().join("called.py"))
        .args(["--target", "cpu", "--threads", "1", "--machine"])
        .arg(model_dir().join("round.toml"))
        .arg("-o")
        .arg(&app)
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let profile = dir.path().join("run.json");
    let run = Command::new(&app).env("LEGATEC_PROFILE", &profile).env("RAYON_NUM_THREADS", "1").output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&profile).unwrap()).unwrap();
    let statements = json["statements"].as_array().unwrap();
    let seconds_at = |line: u64| statements.iter().filter(|s| s["line"] == line).map(|s| num(&s["seconds"])).sum::<f64>();
    let predicted_at = |line: u64| statements.iter().filter(|s| s["line"] == line).filter_map(|s| s["predicted_seconds"].as_f64()).sum::<f64>();
    // relax (line 18) runs only in the loop: its statements count there, beside the
    // loop's own assignment (line 31) and relax's test (line 16); norm (lines 22-24) runs
    // before the loop too: not there.
    assert!(statements.iter().any(|s| s["line"] == 18 && s["count"] == 4), "{json}");
    assert!(statements.iter().any(|s| s["line"] == 24 && s["count"] == 5), "{json}");
    let l = &json["loops"][0];
    assert_eq!(l["line"], 30, "{json}");
    let inside = |f: &dyn Fn(u64) -> f64| f(16) + f(17) + f(18) + f(31);
    assert!(close(num(&l["seconds"]), inside(&seconds_at)), "{json}");
    assert!(close(num(&l["predicted_seconds"]), inside(&predicted_at)), "{json}");
}

#[test]
fn products_run_at_the_measured_gemm_rate_of_their_dtype_and_threads() {
    // 256 x 256 by 256 x 256: 2 * 256^3 flops at the description's rate (float64 1e10 and
    // float32 2e10 on one thread; 3e10 and 6e10 on four; two threads: the one-thread row in
    // proportion), above their bytes over the read bandwidth, plus a launch of 1e-6 s.
    let flops = 2.0 * 256f64.powi(3);
    for (threads, f64_rate, f32_rate) in [("1", 1e10, 2e10), ("2", 2e10, 4e10), ("4", 3e10, 6e10)] {
        let m = report("products.py", &["--ranks", "1", "--threads", threads], &["--n", "256", "--iters", "3"]);
        assert!(close(num(&kernel(&m, 15)["seconds"]), flops / f64_rate + 1e-6), "{threads} threads: {m}");
        assert!(close(num(&kernel(&m, 17)["seconds"]), flops / f32_rate + 1e-6), "{threads} threads: {m}");
        assert_eq!(kernel(&m, 15)["bound"], "compute");
    }
}

#[test]
fn a_gpu_run_pays_cublas_and_its_kernels_once_at_their_first_use() {
    let m = report("products.py", &["--ranks", "1", "--device", "gpu"], &["--n", "256", "--iters", "3"]);
    // cuBLAS's start at the first product (0.5 s), a load of 0.01 s at the first of each other
    // kind (the float32 GEMM, the GEMV, the GEMV of a transposed view), 1e-4 s at each of the
    // three kernels' first launch.
    assert!(close(num(&m["first_use_seconds"]), 0.5 + 3.0 * 0.01 + 3.0 * 1e-4), "{m}");
    // The GEMV in the loop: A (256 x 256) and x read, y written, at 1e12 B/s, and a launch;
    // its first execution loads the GEMV's kernels once (its mean carries a third of it).
    let gemv = (256.0 * 256.0 + 2.0 * 256.0) * 8.0 / 1e12 + 1e-5;
    let k = kernel(&m, 20);
    assert_eq!(num(&k["count"]), 3.0, "{k}");
    assert!(close(num(&k["seconds"]), gemv + 0.01 / 3.0), "{k}");
    // A loop's iteration is its steady cost: the two GEMVs without the loads.
    let l = &m["loops"][0];
    assert!(close(num(&l["seconds_per_iteration"]), 2.0 * gemv), "{l}");
    // The whole run: every statement's total (first uses included) and the GPU's start-up.
    let sum: f64 = m["kernels"].as_array().unwrap().iter().map(|k| num(&k["seconds"]) * num(&k["count"])).sum();
    assert!(close(num(&m["predicted_seconds"]), sum + 0.25), "{m}");
    assert!(close(num(&m["start_up_seconds"]), 0.25), "{m}");
}

#[test]
fn a_strided_column_store_moves_lines_and_fresh_arrays_are_first_touched() {
    let m = report("strided.py", &["--ranks", "1", "--threads", "1"], &[]);
    // `X[:, j] = t * 2.0` over 1,000,000 rows of 4 float64s (32 bytes apart): `t` read
    // contiguously (8 MB), and each element's 32 bytes of a line read and written back.
    let k = kernel(&m, 9);
    assert_eq!(num(&k["bytes"]), 8e6 + 1e6 * 2.0 * 32.0, "{k}");
    // At the copy bandwidth of one thread (1e10 B/s), one operation per point, a launch.
    assert!(close(num(&k["seconds"]), 7.2e7 / 1e10 + 1e6 / 1e10 + 1e-6), "{k}");
    // Each array of 4 MiB or more is first touched once: X (32 MB), `np.arange`'s 8 MB and
    // t's 8 MB, at 1e-10 s per byte; in the whole run, not in the loop's iterations.
    assert!(close(num(&m["first_use_seconds"]), 48e6 * 1e-10), "{m}");
    let sum: f64 = m["kernels"].as_array().unwrap().iter().map(|k| num(&k["seconds"]) * num(&k["count"])).sum();
    assert!(close(num(&m["predicted_seconds"]), sum + 48e6 * 1e-10), "{m}");
    // On two ranks each holds half of every row-split array: X's 16 MB; the halves of the
    // 8 MB vectors are below 4 MiB, which come from the heap.
    let m2 = report("strided.py", &["--ranks", "2", "--threads", "1"], &[]);
    assert!(close(num(&m2["first_use_seconds"]), 16e6 * 1e-10), "{m2}");
}

#[test]
fn a_kernel_below_the_parallel_threshold_runs_on_one_thread() {
    // 100 x 100 points, below runtime_abi::PARALLEL_POINTS: at 4 threads the runtime runs
    // it on the calling thread, so the one-thread bandwidth and rate, and no fork-join.
    let one = report("stencil.py", &["--ranks", "1", "--threads", "1"], &["--rows", "100", "--cols", "100", "--iters", "5"]);
    let four = report("stencil.py", &["--ranks", "1", "--threads", "4"], &["--rows", "100", "--cols", "100", "--iters", "5"]);
    assert!(close(num(&kernel(&four, 19)["seconds"]), num(&kernel(&one, 19)["seconds"])), "{four}");
    // 1000 x 1000 points are split: four threads' bandwidth (2e10 B/s) and rate, and the
    // fork-join of 1e-6 s.
    let big = report("stencil.py", &["--ranks", "1", "--threads", "4"], &["--rows", "1000", "--cols", "1000", "--iters", "1"]);
    assert!(close(num(&kernel(&big, 19)["seconds"]), 1.6e7 / 2e10 + 5e6 / 1e10 / 4.0 + 1e-6), "{big}");
}
