"""Synthetic input for ../mortgage_etl.py, in the format of the Fannie Mae single-family
loan data that the Legate Pandas mortgage example reads (the real data cannot be
downloaded here): pipe-separated text without a header row, except `names.csv`.

- `names.csv`: seller names and their short names (one header line).
- `acq.txt`: one acquisition record per loan (26 fields; dates MM/YYYY).
- `perf.txt`: one performance record per loan and month (31 fields; dates MM/DD/YYYY,
  empty fields where a value is missing).

Usage: python3 generate_data.py [--loans N] [--months M] [--seed S] [--out DIR]
(plain Python: the differential harness runs it before both sides of mortgage_etl.py).
"""
import argparse
import os

import numpy as np

SELLERS = ["WELLS FARGO BANK, N.A.", "QUICKEN LOANS INC.", "OTHER", "FLAGSTAR BANK, FSB"]
SHORT = ["Wells Fargo", "Quicken", "Other", "Flagstar"]
STATES = ["CA", "TX", "NY", "FL"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--loans", type=int, default=2000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default=".")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    out = args.out
    with open(os.path.join(out, "names.csv"), "w") as f:
        f.write("seller_name|new\n")
        for seller, short in zip(SELLERS, SHORT):
            f.write(f"{seller}|{short}\n")
    loans = []
    with open(os.path.join(out, "acq.txt"), "w") as f:
        for k in range(args.loans):
            loan_id = 100000000 + 7 * k
            upb = int(rng.integers(50, 800)) * 1000
            rate = round(2.5 + 3.0 * float(rng.random()), 3)
            orig_month = int(rng.integers(1, 13))
            loans.append((loan_id, upb, rate, orig_month))
            fields = [
                str(loan_id), "R" if rng.random() < 0.7 else "C", SELLERS[int(rng.integers(0, 4))], f"{rate}",
                str(upb), "360", f"{orig_month:02d}/2017", f"{orig_month % 12 + 1:02d}/2017",
                f"{int(rng.integers(50, 96))}", f"{int(rng.integers(50, 96))}", f"{int(rng.integers(1, 3))}",
                f"{int(rng.integers(10, 46))}", f"{int(rng.integers(620, 821))}" if rng.random() < 0.97 else "",
                "N" if rng.random() < 0.8 else "Y", "P", "SF", "1", "P", STATES[int(rng.integers(0, 4))],
                f"{int(rng.integers(100, 1000))}", "" if rng.random() < 0.7 else f"{int(rng.integers(6, 31))}",
                "FRM", "" if rng.random() < 0.6 else f"{int(rng.integers(620, 821))}", "", "N", "1",
            ]
            f.write("|".join(fields) + "\n")
    with open(os.path.join(out, "perf.txt"), "w") as f:
        for loan_id, upb, rate, orig_month in loans:
            status = 0
            for m in range(args.months):
                month0 = orig_month + 1 + m
                year = 2017 + (month0 - 1) // 12
                month = (month0 - 1) % 12 + 1
                # Delinquency walks: mostly current, sometimes a few months behind.
                r = rng.random()
                status = 0 if r < 0.75 else min(status + 1, 9) if r < 0.97 else max(status - 1, 0)
                balance = "" if rng.random() < 0.03 else f"{upb * (1 - m / 400):.2f}"
                last = m == args.months - 1
                fields = [
                    str(loan_id), f"{month:02d}/01/{year}", "OTHER" if rng.random() < 0.6 else "SERVICER A",
                    f"{rate}", balance, str(m), str(360 - m), str(360 - m), "01/01/2047", "" if rng.random() < 0.5 else "35620",
                    str(status), "N", "01" if last else "", f"{month:02d}/01/{year}" if last else "", "", "", "",
                    "", "", "", "", "", "", "", "", "", "", "", "", "", "",
                ]
                f.write("|".join(fields) + "\n")
    print(f"wrote {len(loans)} loans and {len(loans) * args.months} monthly records to {out}")


if __name__ == "__main__":
    main()
