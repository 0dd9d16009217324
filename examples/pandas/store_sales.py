# args:
# args: --orders 5000 --seed 11
# A retail report of our own: random orders joined with a product lookup table (names,
# categories, unit prices; orders of unknown products drop out), revenue by category and by month, the best products, orders of
# one store's customers found by string matching, and the monthly report written to CSV and
# read back. Exercises str and category keys, dates, merges with a lookup table, groupbys
# with several aggregations, sorting and head, and CSV round trips.
# whitespace: exact
# env: COLUMNS=80
import argparse

import numpy as np
import pandas as pd

parser = argparse.ArgumentParser(description="Store sales report.")
parser.add_argument("--orders", type=int, default=800)
parser.add_argument("--seed", type=int, default=5)
args = parser.parse_args()
rng = np.random.default_rng(args.seed)
n = args.orders

products = pd.DataFrame({
    "sku": np.arange(8) + 100,
    "name": ["tea", "coffee", "cocoa", "mug", "kettle", "filter", "grinder", "spoon"],
    "category": ["drinks", "drinks", "drinks", "ware", "ware", "ware", "ware", "ware"],
    "price": np.array([3.5, 7.25, 4.0, 9.9, 34.5, 2.2, 48.0, 1.25]),
})
products["category"] = products["category"].astype("category")

day = rng.integers(0, 90, n)
orders = pd.DataFrame({"order": np.arange(n), "sku": rng.integers(100, 109, n), "qty": rng.integers(1, 6, n), "store": "north"})
orders.loc[rng.random(n) < 0.4, "store"] = "south-east"
orders.loc[rng.random(n) < 0.2, "store"] = "west"
orders["month"] = day // 30 + 1

sales = orders.merge(products, on="sku")
print(sales.head())
print(sales.dtypes)
print("orders of unknown products:", len(orders) - len(sales))
sales["revenue"] = sales.qty * sales.price
by_cat = sales.groupby("category").agg(orders=("order", "count"), units=("qty", "sum"), revenue=("revenue", "sum"))
print(by_cat)
by_month = sales.groupby(["month", "category"], as_index=False).revenue.sum()
print(by_month.sort_values(["month", "revenue"], ascending=[True, False]))
best = sales.groupby("name", as_index=False).agg(revenue=("revenue", "sum"), units=("qty", "sum")).sort_values("revenue", ascending=False).head(3)
print(best)
south = sales[sales.store.str.startswith("south")]
print(len(south), round(south.revenue.sum(), 2), south.store.str.upper().value_counts())
report = by_month
report.to_csv("monthly.csv", index=False)
back = pd.read_csv("monthly.csv")
print(back.dtypes)
print(back.describe())
print(back.groupby("category").revenue.max().round(1))
