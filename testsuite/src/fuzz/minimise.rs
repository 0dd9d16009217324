//! Delta debugging on the statements of a program: removes comments and header prose, then
//! chunks of statements with their bodies, outermost first (top-level statements, then the
//! statements of each block, halving the chunk size down to single statements), unwraps block
//! headers (`if c:` and its body becomes the body), and keeps each change after which the
//! program still parses and `interesting` still holds, until nothing more can go or the
//! budget is spent.
//!
//! The header comment block is kept, so a reproducer runs with the same `# args:`.

use std::time::Instant;

use super::lex::{lex, Lexed};

/// How much work the minimiser may do.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    /// The most calls of `interesting`.
    pub tests: usize,
    /// The moment it must stop.
    pub deadline: Instant,
}

/// One removable piece: a logical line (physical lines `first..=last`) at nesting `depth`;
/// for a block header, where its indented body ends and where its continuation clauses
/// (`elif`, `else`, `except`, `finally`) end.
#[derive(Clone, Debug)]
struct Unit {
    first: usize,
    last: usize,
    indent: usize,
    depth: usize,
    body_end: Option<usize>,
    /// The last line that goes with this statement when it is removed.
    end: usize,
}

fn units(text: &str, lexed: &Lexed) -> Vec<Unit> {
    let logical = &lexed.logical;
    let first_word = |i: usize| lexed.tokens[logical[i].tokens.start].text(text);
    let is_clause = |i: usize| matches!(first_word(i), "elif" | "else" | "except" | "finally");
    let mut open: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (i, line) in logical.iter().enumerate() {
        while open.last().is_some_and(|&indent| indent >= line.indent) {
            open.pop();
        }
        let depth = open.len();
        if line.opens_block {
            open.push(line.indent);
        }
        let body_end = line.opens_block.then(|| {
            let mut end = line.last;
            for next in &logical[i + 1..] {
                if next.indent > line.indent {
                    end = next.last;
                } else {
                    break;
                }
            }
            end
        });
        // A header takes its clauses along (`if` with its `else`), unless it is a clause itself.
        let mut end = body_end.unwrap_or(line.last);
        if line.opens_block && !is_clause(i) {
            let mut j = i + 1;
            while j < logical.len() {
                let next = &logical[j];
                if next.indent > line.indent {
                    end = end.max(next.last);
                } else if next.indent == line.indent && is_clause(j) {
                    end = end.max(next.last);
                } else {
                    break;
                }
                j += 1;
            }
        }
        out.push(Unit { first: line.first, last: line.last, indent: line.indent, depth, body_end, end });
    }
    out
}

fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// The text without the physical lines in `drop` (sorted, inclusive ranges).
fn without(text: &str, drop: &[(usize, usize)]) -> String {
    lines(text)
        .into_iter()
        .enumerate()
        .filter(|(n, _)| !drop.iter().any(|&(a, b)| (a..=b).contains(n)))
        .map(|(_, l)| l)
        .collect()
}

/// The text with block header `unit` removed and its body (lines `unit.last+1..=end`)
/// dedented to the header's indentation.
fn unwrapped(text: &str, unit: &Unit, end: usize) -> Option<String> {
    let all = lines(text);
    let body = &all[unit.last + 1..=end];
    let body_indent = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()?;
    let shift = body_indent.checked_sub(unit.indent)?;
    let mut out = String::new();
    for (n, line) in all.iter().enumerate() {
        if (unit.first..=unit.last).contains(&n) {
            continue;
        }
        if n > unit.last && n <= end {
            let blank = line.len() - line.trim_start().len();
            out.push_str(&line[blank.min(shift)..]);
        } else {
            out.push_str(line);
        }
    }
    Some(out)
}

/// Minimises `text`. `parses` says whether a candidate is a program (CPython's parser);
/// `interesting` whether it still shows the finding. Returns the smallest program found and
/// how many tests were run.
pub fn minimise(
    text: &str,
    budget: Budget,
    mut parses: impl FnMut(&str) -> bool,
    mut interesting: impl FnMut(&str) -> bool,
) -> (String, usize) {
    let mut current = text.to_owned();
    let mut tests = 0usize;
    let mut try_candidate = |candidate: &str, current: &mut String, tests: &mut usize| -> bool {
        if *tests >= budget.tests || Instant::now() >= budget.deadline || candidate == current.as_str() {
            return false;
        }
        if !parses(candidate) {
            return false;
        }
        *tests += 1;
        if interesting(candidate) {
            *current = candidate.to_owned();
            true
        } else {
            false
        }
    };
    let out_of_budget = |tests: usize| tests >= budget.tests || Instant::now() >= budget.deadline;
    // Comments, blank lines and header prose first: one test, and the rest works on less.
    let stripped = strip_header_prose(&strip_comments(&current));
    try_candidate(&stripped, &mut current, &mut tests);
    loop {
        let before = current.clone();
        // Statements with their bodies, outermost first (whole functions and loops go in
        // one test); at each depth, chunks from half of them down to one.
        let mut depth = 0;
        loop {
            let at_depth = |text: &str| -> Vec<Unit> { units(text, &lex(text)).into_iter().filter(|u| u.depth == depth).collect() };
            let count = at_depth(&current).len();
            if count == 0 || out_of_budget(tests) {
                break;
            }
            let mut chunk = (count / 2).max(1);
            loop {
                let mut start = 0;
                loop {
                    let list = at_depth(&current);
                    if start >= list.len() || out_of_budget(tests) {
                        break;
                    }
                    let end = (start + chunk).min(list.len());
                    let candidate = without(&current, &[(list[start].first, list[end - 1].end)]);
                    if !try_candidate(&candidate, &mut current, &mut tests) {
                        start += chunk;
                    }
                }
                if chunk == 1 || out_of_budget(tests) {
                    break;
                }
                chunk /= 2;
            }
            depth += 1;
        }
        // Block headers whose body can stand alone.
        let mut index = 0;
        loop {
            let list = units(&current, &lex(&current));
            if index >= list.len() || out_of_budget(tests) {
                break;
            }
            let unit = &list[index];
            let mut changed = false;
            if let Some(end) = unit.body_end {
                if let Some(candidate) = unwrapped(&current, unit, end) {
                    changed = try_candidate(&candidate, &mut current, &mut tests);
                }
            }
            if !changed {
                index += 1;
            }
        }
        if current == before || out_of_budget(tests) {
            break;
        }
    }
    (current, tests)
}

/// The text without comment lines and blank lines below its header block.
pub fn strip_comments(text: &str) -> String {
    let lexed = lex(text);
    let Some(first_code) = lexed.logical.first().map(|l| l.first) else { return text.to_owned() };
    let mut code = vec![false; lines(text).len()];
    for line in &lexed.logical {
        for flag in &mut code[line.first..=line.last] {
            *flag = true;
        }
    }
    lines(text).into_iter().enumerate().filter(|&(n, _)| n < first_code || code[n]).map(|(_, l)| l).collect()
}

/// Whether the indentation of a program's logical lines can be Python's: a block follows each
/// line ending in `:`, a line is indented deeper only there, and a dedent returns to an
/// enclosing level. A cheap filter before CPython's parser.
pub fn plausible(text: &str) -> bool {
    let lexed = lex(text);
    let mut levels = vec![0usize];
    let mut opens = false;
    for line in &lexed.logical {
        let top = *levels.last().unwrap_or(&0);
        if opens {
            if line.indent <= top {
                return false;
            }
            levels.push(line.indent);
        } else if line.indent > top {
            return false;
        } else {
            while levels.last().is_some_and(|&l| l > line.indent) {
                levels.pop();
            }
            if levels.last() != Some(&line.indent) {
                return false;
            }
        }
        opens = line.opens_block;
    }
    !opens
}

/// The text without the comment lines of its header block that are not keys the runs read
/// (`args`, `env`, `rtol`, `whitespace`, `stderr`).
pub fn strip_header_prose(text: &str) -> String {
    let mut out = String::new();
    let mut in_header = true;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if in_header && !trimmed.is_empty() && !trimmed.starts_with('#') {
            in_header = false;
        }
        if in_header {
            let key = trimmed.strip_prefix('#').and_then(|c| c.split_once(':')).map(|(k, _)| k.trim());
            if !matches!(key, Some("args" | "env" | "rtol" | "whitespace" | "stderr")) {
                continue;
            }
        }
        out.push_str(line);
    }
    out
}

/// The program with only the `index`-th of its `# args:` header lines; `None` when it has
/// fewer.
pub fn only_args_line(text: &str, index: usize) -> Option<String> {
    let mut out = String::new();
    let mut seen = 0;
    let mut kept = false;
    let mut in_header = true;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if in_header && !trimmed.is_empty() && !trimmed.starts_with('#') {
            in_header = false;
        }
        let is_args = in_header && trimmed.strip_prefix('#').and_then(|c| c.split_once(':')).is_some_and(|(k, _)| k.trim() == "args");
        if is_args {
            seen += 1;
            if seen - 1 != index {
                continue;
            }
            kept = true;
        }
        out.push_str(line);
    }
    kept.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn budget() -> Budget {
        Budget { tests: 1000, deadline: Instant::now() + Duration::from_secs(30) }
    }

    /// A crude parser of indentation: a block follows each `:` line, and a dedent returns to
    /// an enclosing level. Lines ending in `,` continue (their next line is not checked).
    fn parses(text: &str) -> bool {
        let all: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')).collect();
        let mut levels = vec![0usize];
        let mut opens = false;
        let mut continued = false;
        for line in &all {
            let indent = line.len() - line.trim_start().len();
            if continued {
                continued = line.trim_end().ends_with(',');
                continue;
            }
            let top = *levels.last().unwrap();
            if opens {
                if indent <= top {
                    return false;
                }
                levels.push(indent);
            } else if indent > top {
                return false;
            } else {
                while *levels.last().unwrap() > indent {
                    levels.pop();
                }
                if *levels.last().unwrap() != indent {
                    return false;
                }
            }
            opens = line.trim_end().ends_with(':');
            continued = line.trim_end().ends_with(',');
        }
        !all.is_empty() && !opens
    }

    #[test]
    fn reduces_to_the_relevant_lines() {
        let program = "# args: -n 3\n# A program: with prose.\n# exit: 1\nimport numpy as np\n\nn = 3\na = np.ones(n)\nfor i in range(n):\n    a[i] = i\n    if i > 1:\n        x = 7\n        print(x)\n        x = 2.5\nprint(np.sum(a))\n# done\n";
        // The "bug" needs `x = 7`, `print(x)` and `x = 2.5`, in this order.
        let interesting = |text: &str| {
            let a = text.find("x = 7");
            let b = text.find("print(x)");
            let c = text.find("x = 2.5");
            matches!((a, b, c), (Some(a), Some(b), Some(c)) if a < b && b < c)
        };
        let (small, tests) = minimise(program, budget(), parses, interesting);
        assert_eq!(small, "# args: -n 3\nx = 7\nprint(x)\nx = 2.5\n");
        assert!(tests < 60, "{tests} tests");
    }

    #[test]
    fn whole_blocks_go_first() {
        let mut program = String::from("def unused(a):\n");
        for i in 0..40 {
            program.push_str(&format!("    a = a + {i}\n"));
        }
        program.push_str("    return a\n\nif True:\n    x = 1\nelse:\n    x = 2\nprint(x)\nprint(x + 1)\n");
        let (small, tests) = minimise(&program, budget(), parses, |t| t.contains("print(x + 1)") && t.contains("x = 2"));
        assert_eq!(small, "x = 2\nprint(x + 1)\n");
        assert!(tests <= 20, "{tests} tests (the 42 lines of `unused` go in one)");
    }

    #[test]
    fn plausible_indentation() {
        assert!(plausible("x = 1\nif x:\n    y = f(1,\n2)\n    if y:\n        pass\nz = 2\n"));
        assert!(!plausible("x = 1\n    y = 2\n"));
        assert!(!plausible("if x:\ny = 2\n"));
        assert!(!plausible("if x:\n        y = 2\n    z = 3\n"));
        assert!(!plausible("for i in r:\n"));
    }

    #[test]
    fn header_edits() {
        let text = "# rtol: 1e-3\n# Prose: here.\n# args: -a\n# args: -b 2\n# exit: 1\nx = 1  # args: no\n";
        assert_eq!(only_args_line(text, 1).unwrap(), "# rtol: 1e-3\n# Prose: here.\n# args: -b 2\n# exit: 1\nx = 1  # args: no\n");
        assert_eq!(only_args_line(text, 2), None);
        assert_eq!(strip_header_prose(text), "# rtol: 1e-3\n# args: -a\n# args: -b 2\nx = 1  # args: no\n");
    }

    #[test]
    fn keeps_statements_spanning_lines_whole_and_respects_the_budget() {
        let program = "a = f(1,\n      2)\nb = 3\nprint(a)\n";
        let (small, _) = minimise(program, budget(), parses, |t| t.contains("print(a)") && t.contains("      2)"));
        assert_eq!(small, "a = f(1,\n      2)\nprint(a)\n");
        let spent = Budget { tests: 0, deadline: Instant::now() + Duration::from_secs(30) };
        let (same, tests) = minimise(program, spent, parses, |_| true);
        assert_eq!((same.as_str(), tests), (program, 0));
    }
}
