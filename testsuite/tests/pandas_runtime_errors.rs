//! Run-time errors of compiled pandas (and NumPy) programs that no differential case can
//! show, because pandas or NumPy itself succeeds there with a dtype chosen by the data:
//! legatec stops with a ValueError that says why, rather than printing a number of another
//! type.

use std::process::Command;

use testsuite::process::find_legatec;

/// Compiles `source` and runs it; returns (exit code, stdout, stderr).
fn compile_and_run(source: &str) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("prog.py");
    std::fs::write(&script, source).unwrap();
    let binary = dir.path().join("prog");
    let legatec = find_legatec().unwrap_or_else(|e| panic!("{e}"));
    let compile = Command::new(legatec).arg(&script).arg("-o").arg(&binary).output().expect("legatec runs");
    assert!(compile.status.success(), "compile failed:\n{}", String::from_utf8_lossy(&compile.stderr));
    let run = Command::new(&binary).current_dir(dir.path()).output().expect("the program runs");
    (run.status.code(), String::from_utf8_lossy(&run.stdout).into_owned(), String::from_utf8_lossy(&run.stderr).into_owned())
}

const MERGE: &str = "import numpy as np\nimport pandas as pd\n\
left = pd.DataFrame({\"k\": np.array([1, 2, 3])})\n\
right = pd.DataFrame({\"k\": np.array([1, 2, KEY]), \"n\": np.array([10, 20, 30])})\n\
m = left.merge(right, on=\"k\", how=\"left\")\n\
print(m.n.sum())\n";

#[test]
fn an_int_column_a_merge_left_missing_stops_the_program_when_used() {
    let (code, stdout, stderr) = compile_and_run(&MERGE.replace("KEY", "4"));
    assert_eq!(code, Some(1), "stdout: {stdout}\nstderr: {stderr}");
    assert!(stdout.is_empty(), "nothing printed before the error: {stdout}");
    assert!(stderr.contains("ValueError") && stderr.contains("column 'n' has missing values (rows a merge did not match"), "stderr: {stderr}");
}

#[test]
fn the_same_column_is_used_as_ints_when_every_row_matched() {
    // pandas keeps `n` int64 here and prints 60.
    let (code, stdout, stderr) = compile_and_run(&MERGE.replace("KEY", "3"));
    assert_eq!(code, Some(0), "stderr: {stderr}");
    assert_eq!(stdout.trim(), "60");
}

#[test]
fn an_int32_group_sum_that_needs_int64_stops_the_program() {
    // pandas would widen this int32 sum to int64, a dtype legatec could not know.
    let source = "import numpy as np\nimport pandas as pd\n\
df = pd.DataFrame({\"k\": np.array([1, 1]), \"v\": np.array([2000000000, 2000000000], dtype=np.int32)})\n\
print(df.groupby(\"k\").sum())\n";
    let (code, stdout, stderr) = compile_and_run(source);
    assert_eq!(code, Some(1), "stdout: {stdout}\nstderr: {stderr}");
    assert!(stderr.contains("ValueError") && stderr.contains("has dtype int64, where the program was compiled for int32"), "stderr: {stderr}");
}

/// Each program meets a value whose dtype pandas would choose from the data; legatec stops
/// with a ValueError naming it (and prints nothing before).
#[test]
fn data_chosen_dtypes_of_dates_and_where_stop_the_program() {
    let cases = [
        // `.dt.year` of NaT is float64 in pandas.
        ("import pandas as pd\nt = pd.to_datetime(pd.Series([\"2020-01-02\", None]))\nprint(t.dt.year)\n", "of a column with NaT values"),
        // `where` that replaces nothing keeps an int Series int in pandas.
        ("import numpy as np\nimport pandas as pd\ns = pd.Series(np.arange(3))\nprint(s.where(s > -1))\n", "Series.where replaced no value"),
        // A date that does not match the format.
        ("import pandas as pd\nprint(pd.to_datetime(pd.Series([\"2020-01-02\", \"x\"]), format=\"%Y-%m-%d\"))\n", "doesn't match format"),
        // `.cat.codes` of 200 categories is int16 in pandas (int8 below 127).
        ("import numpy as np\nimport pandas as pd\npd.DataFrame({\"c\": np.arange(200)}).to_csv(\"cats.csv\", index=False)\ns = pd.read_csv(\"cats.csv\", dtype={\"c\": str}).c.astype(\"category\")\nprint(s.cat.codes)\n", ".cat.codes of a column with 200 categories"),
        // A group sum of int8 values beyond int8 is int64 in pandas (int8 where it fits).
        ("import numpy as np\nimport pandas as pd\ndf = pd.DataFrame({\"k\": [1, 1], \"v\": np.array([100, 100], dtype=np.int8)})\nprint(df.groupby(\"k\").sum())\n", "has dtype int64, where the program was compiled for int8"),
    ];
    for (source, expected) in cases {
        let (code, stdout, stderr) = compile_and_run(source);
        assert_eq!(code, Some(1), "{source}\nstdout: {stdout}\nstderr: {stderr}");
        assert!(stdout.is_empty(), "{source}: nothing printed before the error: {stdout}");
        assert!(stderr.contains("ValueError") && stderr.contains(expected), "{source}\nstderr: {stderr}");
    }
}

#[test]
fn categories_of_numbers_read_from_a_file_stop_the_program() {
    // pandas infers the categories' dtype from the data (int64 here); legatec holds
    // categories of strings only.
    let (code, _, stderr) = compile_and_run(
        "import pandas as pd\npd.DataFrame({\"c\": [\"1\", \"2\"]}).to_csv(\"cats.csv\", index=False)\nprint(pd.read_csv(\"cats.csv\", dtype={\"c\": \"category\"}))\n",
    );
    assert_eq!(code, Some(1), "stderr: {stderr}");
    assert!(stderr.contains("ValueError") && stderr.contains("category of int64 values"), "stderr: {stderr}");
}

#[test]
fn an_empty_list_comprehension_of_ints_stops_the_program() {
    // NumPy makes `np.array([])` float64; legatec compiled this comprehension for int64
    // items. With items it runs; with none it stops.
    let source = "import sys\nimport numpy as np\nn = len(sys.argv) + 1\nprint(np.sum([k * k for k in range(n)]))\nprint(np.sum([k * k for k in range(n - 3)]))\n";
    let (code, stdout, stderr) = compile_and_run(source);
    assert_eq!(code, Some(1), "stdout: {stdout}\nstderr: {stderr}");
    assert_eq!(stdout.trim(), "1");
    assert!(stderr.contains("ValueError: legatec: an empty list comprehension is a float64 array of shape (0,) in NumPy"), "stderr: {stderr}");
}

/// pandas makes an integer Series' `//` and `%` float64 (inf, NaN) where a divisor is 0;
/// legatec compiled an integer result, so a zero divisor stops the program (found by fuzz
/// seed 1853, where it printed 0s). Nonzero divisors run: case pandas_int_floordiv.
#[test]
fn an_integer_series_divided_by_zero_stops_the_program() {
    for (expr, divisor) in [("s // d", "0"), ("s % d", "0"), ("s // t", "1"), ("s % t", "1")] {
        let source = format!(
            "import numpy as np\nimport pandas as pd\n\
s = pd.Series(np.array([7, -3, 5], dtype=np.int8))\n\
t = pd.Series(np.array([2, 0, 3]))\n\
d = {divisor}\n\
print({expr})\n"
        );
        let (code, stdout, stderr) = compile_and_run(&source);
        assert_eq!(code, Some(1), "{expr}: stdout: {stdout}\nstderr: {stderr}");
        assert!(stdout.is_empty(), "{expr}: nothing printed before the error: {stdout}");
        assert!(stderr.contains("ValueError: legatec: an integer Series divided by 0"), "{expr}: stderr: {stderr}");
    }
}
