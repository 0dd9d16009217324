//! Bit-exact comparison of runtime-lib's random numbers with NumPy's.
//!
//! The test writes a plan of calls (see `tests/random_streams.py` for the
//! format), has CPython + NumPy run it and store every result's raw bytes,
//! runs the same plan through `runtime_lib::random`, and compares the bits of
//! every value. It checks that each method and dtype was compared on at least
//! a million draws. `$PYTHON` picks the interpreter (default `python3`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use runtime_lib::errors::RtResult;
use runtime_lib::random::{Generator, RandomState};

/// Draws per array call of the long streams.
const MILLION: usize = 1_000_000;

/// The calls to compare. Seeds and bounds include the edge cases of each
/// path: two-word `SeedSequence` entropy, 32-bit ranges inside the int64
/// sampler, whole-word ranges, empty sizes, errors.
fn plan() -> Vec<String> {
    let mut plan = Vec::new();
    let mut add = |line: String| plan.push(line);
    for seed in [0u64, 12345, 4_294_967_295] {
        add(format!("seed {seed}"));
        add(format!("legacy random_sample {MILLION}"));
        add("legacy random_sample -".into());
        add("legacy rand 500x2000".into());
        add("legacy rand -".into());
        add("legacy random 3x4".into());
        // The polar method's cached second value, across scalar and array
        // calls and across reseeding.
        add("legacy randn -".into());
        add("legacy randn 3".into());
        add("legacy randn -".into());
        add("legacy normal 2x3 1.5 2.0".into());
        add("legacy randn -".into());
        add(format!("seed {}", seed ^ 1));
        add("legacy randn -".into());
        add(format!("legacy randn {}", MILLION + 1));
        add("legacy standard_normal -".into());
        add(format!("legacy normal {MILLION} -3.0 0.5"));
        add("legacy normal - 10.0 0.0".into());
        add(format!("legacy uniform {MILLION} -2.0 5.0"));
        add("legacy uniform - 5.0 -2.0".into());
        add(format!("legacy randint {MILLION} 0 10 dtype=int64"));
        add("legacy randint - 0 100 dtype=int64".into());
        add(format!("legacy randint {MILLION} -5 1000 dtype=int32"));
        add("legacy randint - -5 1000 dtype=int32".into());
        add("legacy randint 100000 -4611686018427387904 4611686018427387904 dtype=int64".into());
        add("legacy randint 100000 0 4294967296 dtype=int64".into());
        add("legacy randint 100000 0 8589934593 dtype=int64".into());
        add("legacy randint 100000 -2147483648 2147483647 dtype=int32".into());
        add("legacy randint 1000 -9223372036854775808 9223372036854775807 dtype=int64".into());
        add("legacy randint 1000 7 8 dtype=int64".into());
        add("legacy randint 0 5 5 dtype=int64".into());
        add("legacy randint - 5 5 dtype=int64".into());
        add("legacy randint - 0 0 dtype=int64".into());
        add("legacy randint - 0 1099511627776 dtype=int32".into());
        add("legacy normal - 0.0 -1.0".into());
        add("legacy random_sample -".into());
    }
    for (id, seed) in [("a", 0u64), ("b", 42), ("c", 1_099_511_627_783), ("d", 9_223_372_036_854_775_807)] {
        add(format!("rng {id} {seed}"));
        add(format!("gen {id} random {MILLION} dtype=float64"));
        add(format!("gen {id} random - dtype=float64"));
        add(format!("gen {id} random {MILLION} dtype=float32"));
        // A 32-bit draw keeps the other half of its 64-bit word for the next
        // 32-bit draw, whatever happens in between.
        add(format!("gen {id} integers - 0 10 dtype=int32"));
        add(format!("gen {id} random 3 dtype=float64"));
        add(format!("gen {id} integers - 0 10 dtype=int32"));
        add(format!("gen {id} random - dtype=float32"));
        add(format!("gen {id} standard_normal {MILLION} dtype=float64"));
        add(format!("gen {id} standard_normal - dtype=float64"));
        add(format!("gen {id} standard_normal {} dtype=float32", MILLION + 1));
        add(format!("gen {id} standard_normal - dtype=float32"));
        add(format!("gen {id} normal {MILLION} 2.0 3.0"));
        add(format!("gen {id} normal - 2.0 3.0"));
        add(format!("gen {id} uniform {MILLION} -1.0 4.0"));
        add(format!("gen {id} uniform - -1.0 4.0"));
        add(format!("gen {id} integers {MILLION} 0 10 dtype=int64"));
        add(format!("gen {id} integers - 0 10 dtype=int64"));
        add(format!("gen {id} integers {MILLION} -1000 1000 dtype=int32 endpoint=True"));
        add(format!("gen {id} integers 100000 -4611686018427387904 4611686018427387904 dtype=int64"));
        add(format!("gen {id} integers 100000 0 4294967296 dtype=int64"));
        add(format!("gen {id} integers 100000 0 6442450944 dtype=int64"));
        add(format!("gen {id} integers 1000 -9223372036854775808 9223372036854775807 dtype=int64 endpoint=True"));
        add(format!("gen {id} integers 1000 -2147483648 2147483647 dtype=int32 endpoint=True"));
        add(format!("gen {id} integers 1000 3 3 dtype=int32 endpoint=True"));
        add(format!("gen {id} advance 123456789012345678901"));
        add(format!("gen {id} random 5 dtype=float64"));
        add(format!("gen {id} uniform - 1.0 0.0"));
        add(format!("gen {id} normal - 0.0 -1.0"));
        add(format!("gen {id} integers - 5 5 dtype=int64"));
        add(format!("gen {id} integers - 0 -1 dtype=int64 endpoint=True"));
        add(format!("gen {id} integers - 0 2147483649 dtype=int32"));
        // Poisson: the multiplication method (below 10), PTRS (from 10, far into the
        // int64 range), 0, and the checks; binomial: inversion and BTPE, each with p
        // below and above 0.5, the trivial cases and the checks.
        for lam in ["0.7", "4.0", "9.99", "10.0", "55.5", "123456.75", "4.0e15"] {
            add(format!("gen {id} poisson {} {lam}", MILLION / 4));
        }
        add(format!("gen {id} poisson - 3.5"));
        add(format!("gen {id} poisson - 150.0"));
        add(format!("gen {id} poisson 5 0.0"));
        add(format!("gen {id} poisson - -1.0"));
        add(format!("gen {id} poisson 3 9.3e18"));
        for (n, p) in [(20i64, "0.3"), (100, "0.3"), (100, "0.7"), (1000, "0.5"), (1000, "0.985"), (77, "0.95"), (5_000_000, "0.2"), (1_099_511_627_776, "0.625")] {
            add(format!("gen {id} binomial {} {n} {p}", MILLION / 6));
        }
        add(format!("gen {id} binomial - 40 0.25"));
        add(format!("gen {id} binomial - 4000 0.75"));
        add(format!("gen {id} binomial 4 9 1.0"));
        add(format!("gen {id} binomial 4 0 0.5"));
        add(format!("gen {id} binomial - 5 1.5"));
        add(format!("gen {id} binomial - -5 0.5"));
    }
    // Two generators drawing in turn keep separate states.
    add("rng x 7".into());
    add("rng y 7".into());
    add("gen x random 10 dtype=float64".into());
    add("gen y random 10 dtype=float64".into());
    add("gen x integers - 0 5 dtype=int32".into());
    add("gen y standard_normal 10 dtype=float32".into());
    add("gen x integers - 0 5 dtype=int32".into());
    // `advance` lines are written as `gen ID advance DELTA` for uniformity
    // and rewritten for the Python side.
    plan.into_iter()
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            if fields.len() == 4 && fields[0] == "gen" && fields[2] == "advance" {
                format!("advance {} {}", fields[1], fields[3])
            } else {
                line
            }
        })
        .collect()
}

/// One result: a NumPy type string and the raw little-endian bytes, or the
/// text of an exception.
type Outcome = Result<(String, usize, Vec<u8>), String>;

fn bytes_of<T: Copy, const N: usize>(values: &[T], to_bytes: impl Fn(T) -> [u8; N]) -> Vec<u8> {
    values.iter().flat_map(|&v| to_bytes(v)).collect()
}

fn float64s(values: Vec<f64>) -> Outcome {
    Ok(("<f8".into(), values.len(), bytes_of(&values, f64::to_le_bytes)))
}

fn float32s(values: Vec<f32>, scalar: bool) -> Outcome {
    if scalar {
        // NumPy returns a float32 draw with size=None as a Python float.
        return float64s(vec![values[0] as f64]);
    }
    Ok(("<f4".into(), values.len(), bytes_of(&values, f32::to_le_bytes)))
}

fn int64s(values: Vec<i64>) -> Outcome {
    Ok(("<i8".into(), values.len(), bytes_of(&values, i64::to_le_bytes)))
}

fn int32s(values: Vec<i32>) -> Outcome {
    Ok(("<i4".into(), values.len(), bytes_of(&values, i32::to_le_bytes)))
}

fn checked(result: RtResult<()>, values: Outcome) -> Outcome {
    match result {
        Ok(()) => values,
        Err(error) => Err(format!("{}: {}", error.kind.python_name(), error.message)),
    }
}

/// A parsed call: method, element count (`None` for size=None), positional
/// numbers and keywords.
struct Call<'a> {
    method: &'a str,
    count: Option<usize>,
    numbers: Vec<&'a str>,
    dtype: &'a str,
    endpoint: bool,
}

impl<'a> Call<'a> {
    fn parse(fields: &[&'a str]) -> Call<'a> {
        let count = (fields[1] != "-")
            .then(|| fields[1].split('x').map(|extent| extent.parse::<usize>().expect("extent")).product());
        // Counts (which take no `dtype`) are int64.
        let dtype = if matches!(fields[0], "poisson" | "binomial") { "int64" } else { "float64" };
        let mut call = Call { method: fields[0], count, numbers: Vec::new(), dtype, endpoint: false };
        for field in &fields[2..] {
            match field.split_once('=') {
                Some(("dtype", dtype)) => call.dtype = dtype,
                Some(("endpoint", flag)) => call.endpoint = flag == "True",
                Some(_) => panic!("unknown keyword in {field}"),
                None => call.numbers.push(field),
            }
        }
        call
    }

    fn len(&self) -> usize {
        self.count.unwrap_or(1)
    }

    fn scalar(&self) -> bool {
        self.count.is_none()
    }

    fn float(&self, i: usize) -> f64 {
        self.numbers[i].parse().expect("float argument")
    }

    fn int(&self, i: usize) -> i64 {
        self.numbers[i].parse().expect("int argument")
    }
}

fn run_legacy(state: &mut RandomState, call: &Call) -> Outcome {
    let n = call.len();
    match (call.method, call.dtype) {
        ("random_sample" | "random" | "rand", _) => {
            let mut out = vec![0.0; n];
            state.random_sample(&mut out);
            float64s(out)
        }
        ("randn" | "standard_normal", _) => {
            let mut out = vec![0.0; n];
            state.standard_normal(&mut out);
            float64s(out)
        }
        ("normal", _) => {
            let mut out = vec![0.0; n];
            let result = state.normal(call.float(0), call.float(1), &mut out);
            checked(result, float64s(out))
        }
        ("uniform", _) => {
            let mut out = vec![0.0; n];
            let result = state.uniform(call.float(0), call.float(1), &mut out);
            checked(result, float64s(out))
        }
        ("randint", "int64") => {
            let mut out = vec![0; n];
            let result = state.randint_i64(call.int(0), call.int(1), call.scalar(), &mut out);
            checked(result, int64s(out))
        }
        ("randint", "int32") => {
            let mut out = vec![0; n];
            let result = state.randint_i32(call.int(0), call.int(1), call.scalar(), &mut out);
            checked(result, int32s(out))
        }
        (method, dtype) => panic!("no legacy {method} for {dtype}"),
    }
}

fn run_generator(generator: &mut Generator, call: &Call) -> Outcome {
    let n = call.len();
    match (call.method, call.dtype) {
        ("random", "float64") => {
            let mut out = vec![0.0; n];
            generator.random_f64(&mut out);
            float64s(out)
        }
        ("random", "float32") => {
            let mut out = vec![0.0; n];
            generator.random_f32(&mut out);
            float32s(out, call.scalar())
        }
        ("standard_normal", "float64") => {
            let mut out = vec![0.0; n];
            generator.standard_normal_f64(&mut out);
            float64s(out)
        }
        ("standard_normal", "float32") => {
            let mut out = vec![0.0; n];
            generator.standard_normal_f32(&mut out);
            float32s(out, call.scalar())
        }
        ("normal", _) => {
            let mut out = vec![0.0; n];
            let result = generator.normal(call.float(0), call.float(1), &mut out);
            checked(result, float64s(out))
        }
        ("uniform", _) => {
            let mut out = vec![0.0; n];
            let result = generator.uniform(call.float(0), call.float(1), &mut out);
            checked(result, float64s(out))
        }
        ("integers", "int64") => {
            let mut out = vec![0; n];
            let result = generator.integers_i64(call.int(0), call.int(1), call.endpoint, call.scalar(), &mut out);
            checked(result, int64s(out))
        }
        ("integers", "int32") => {
            let mut out = vec![0; n];
            let result = generator.integers_i32(call.int(0), call.int(1), call.endpoint, call.scalar(), &mut out);
            checked(result, int32s(out))
        }
        ("poisson", "int64") => {
            let mut out = vec![0; n];
            let result = generator.poisson(call.float(0), &mut out);
            checked(result, int64s(out))
        }
        ("binomial", "int64") => {
            let mut out = vec![0; n];
            let result = generator.binomial(call.int(0), call.float(1), &mut out);
            checked(result, int64s(out))
        }
        (method, dtype) => panic!("no Generator.{method} for {dtype}"),
    }
}

/// NumPy's results, by plan line.
fn numpy_results(plan: &[String], dir: &Path) -> BTreeMap<usize, Outcome> {
    std::fs::write(dir.join("plan"), plan.join("\n") + "\n").expect("write plan");
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/random_streams.py");
    let output = Command::new(&python)
        .arg(script)
        .arg(dir.join("plan"))
        .arg(dir)
        .output()
        .unwrap_or_else(|error| panic!("could not run {python} (CPython with NumPy is the oracle): {error}"));
    assert!(output.status.success(), "{script} failed: {}", String::from_utf8_lossy(&output.stderr));
    let manifest = std::fs::read_to_string(dir.join("manifest")).expect("manifest");
    let mut results = BTreeMap::new();
    for line in manifest.lines().filter(|line| !line.is_empty()) {
        let (index, rest) = line.split_once(' ').expect("index");
        let index: usize = index.parse().expect("index");
        let outcome = if let Some(error) = rest.strip_prefix("ERR ") {
            Err(error.to_string())
        } else {
            let (dtype, count) = rest.split_once(' ').expect("dtype and count");
            let bytes = std::fs::read(dir.join(format!("{index}.bin"))).expect("result bytes");
            Ok((dtype.to_string(), count.parse().expect("count"), bytes))
        };
        results.insert(index, outcome);
    }
    results
}

/// Index and both values of the first element whose bits differ.
fn first_difference(dtype: &str, ours: &[u8], numpy: &[u8]) -> Option<String> {
    let width = if dtype.ends_with('8') { 8 } else { 4 };
    let differing = ours.chunks(width).zip(numpy.chunks(width)).filter(|(a, b)| a != b).count();
    let (index, (a, b)) = ours.chunks(width).zip(numpy.chunks(width)).enumerate().find(|(_, (a, b))| a != b)?;
    let show = |bytes: &[u8]| -> String {
        match dtype {
            "<f8" => format!("{:e}", f64::from_le_bytes(bytes.try_into().unwrap())),
            "<f4" => format!("{:e}", f32::from_le_bytes(bytes.try_into().unwrap())),
            "<i8" => format!("{}", i64::from_le_bytes(bytes.try_into().unwrap())),
            _ => format!("{}", i32::from_le_bytes(bytes.try_into().unwrap())),
        }
    };
    Some(format!("{differing} values differ; first at {index}: ours {} numpy {}", show(a), show(b)))
}

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("runtime-lib-random-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

#[test]
fn random_streams_match_numpy_bit_for_bit() {
    let plan = plan();
    let dir = scratch_dir();
    let numpy = numpy_results(&plan, &dir);
    let _ = std::fs::remove_dir_all(&dir);

    let mut legacy = RandomState::from_entropy();
    let mut generators: BTreeMap<String, Generator> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut compared: BTreeMap<String, usize> = BTreeMap::new();
    for (index, line) in plan.iter().enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (ours, label) = match fields[0] {
            "seed" => {
                legacy.seed(fields[1].parse().expect("seed")).expect("valid seed");
                continue;
            }
            "rng" => {
                let generator = Generator::from_signed_seed(fields[2].parse().expect("seed")).expect("valid seed");
                generators.insert(fields[1].to_string(), generator);
                continue;
            }
            "advance" => {
                let generator = generators.get_mut(fields[1]).expect("generator");
                generator.bit_generator().advance(fields[2].parse().expect("delta"));
                continue;
            }
            "legacy" => {
                let call = Call::parse(&fields[1..]);
                (run_legacy(&mut legacy, &call), format!("legacy {} {}", call.method, call.dtype))
            }
            "gen" => {
                let call = Call::parse(&fields[2..]);
                let generator = generators.get_mut(fields[1]).expect("generator");
                (run_generator(generator, &call), format!("Generator.{} {}", call.method, call.dtype))
            }
            other => panic!("unknown plan line kind {other}"),
        };
        let expected = numpy.get(&index).unwrap_or_else(|| panic!("numpy gave no result for line {index}: {line}"));
        match (&ours, expected) {
            (Ok((our_dtype, our_count, our_bytes)), Ok((dtype, count, bytes))) => {
                if our_dtype != dtype || our_count != count {
                    failures.push(format!("{line}: ours {our_dtype}[{our_count}], numpy {dtype}[{count}]"));
                } else if let Some(difference) = first_difference(dtype, our_bytes, bytes) {
                    failures.push(format!("{line}: {difference}"));
                } else {
                    *compared.entry(label).or_default() += count;
                }
            }
            (Err(ours), Err(theirs)) if ours == theirs => {}
            (ours, theirs) => failures.push(format!(
                "{line}: ours {:?}, numpy {:?}",
                ours.as_ref().map(|(dtype, count, _)| (dtype, count)),
                theirs.as_ref().map(|(dtype, count, _)| (dtype, count))
            )),
        }
    }
    assert!(failures.is_empty(), "{} calls differ from NumPy:\n{}", failures.len(), failures.join("\n"));
    for method in [
        "legacy random_sample float64",
        "legacy rand float64",
        "legacy randn float64",
        "legacy normal float64",
        "legacy uniform float64",
        "legacy randint int64",
        "legacy randint int32",
        "Generator.random float64",
        "Generator.random float32",
        "Generator.standard_normal float64",
        "Generator.standard_normal float32",
        "Generator.normal float64",
        "Generator.uniform float64",
        "Generator.integers int64",
        "Generator.integers int32",
        "Generator.poisson int64",
        "Generator.binomial int64",
    ] {
        let count = compared.get(method).copied().unwrap_or(0);
        assert!(count >= MILLION, "{method}: only {count} draws compared");
    }
    eprintln!("draws compared bit for bit: {compared:#?}");
}
