# pd.to_datetime meets a value that its format (inferred from the first value, or given)
# does not match: pandas' ValueError, whose message names the format in strftime directives
# and runs over four lines, compared whole. The first value is missing: pandas infers the
# format from the first present one.
# exit: 1
# stderr: exception
# args: --shape 0
# args: --shape 1
# args: --shape 2
# args: --shape 3
# args: --shape 4
# args: --shape 5
# args: --shape 6
# args: --shape 7
import argparse
import pandas as pd

parser = argparse.ArgumentParser()
parser.add_argument("--shape", type=int, default=0)
args = parser.parse_args()

if args.shape == 0:
    t = pd.to_datetime(pd.Series([None, "2020-01-01 10:00:00", "2021-13-45 99:99"]))
elif args.shape == 1:
    t = pd.to_datetime(pd.Series([None, "2020-01-01", "2020-01-02", "2021-13-45 99:99"]))
elif args.shape == 2:
    t = pd.to_datetime(pd.Series([None, "2020-01-01T10:00", "2021-13-45 99:99"]))
elif args.shape == 3:
    t = pd.to_datetime(pd.Series([None, "2020-01-01 10:00:00.25", "2021-13-45 99:99"]))
elif args.shape == 4:
    t = pd.to_datetime(pd.Series([None, "20200101", "2021-13-45 99:99"]))
elif args.shape == 5:
    t = pd.to_datetime(pd.Series([None, "01/02/2020", "2021-13-45 99:99"]))
elif args.shape == 6:
    t = pd.to_datetime(pd.Series([None, "2020-01-01", "2021-13-45 99:99"]), format="%Y-%m-%d")
else:
    t = pd.to_datetime(pd.Series([None, "2020-01-01", "2021-13-45 99:99"]), format="ISO8601")
print(t)
