# setup: mortgage/generate_data.py --loans 60 --months 14 --seed 3
# The mortgage data example of the Legate Pandas slides ("scalable data processing with
# Pandas"), ported to pandas 3: the ETL of RAPIDS' mortgage notebook that Legate Pandas ran
# (loan acquisitions and monthly performance records, seller names replaced, delinquency
# features per loan, 12-month windows, all joined into one frame). Changes of the port:
# `date_format=` in place of the removed `date_parser`; int32 in place of int8/int16; no
# `lib` parameter or `null_workaround`; two functions copy the frame they are given before
# changing it (the original changed its caller's frame in place, unused afterwards; legatec
# refuses that); the twelve monthly frames gathered by a running
# `pd.concat` (legatec has no lists of frames); `zero_balance_code` read as
# str (its categories would be int64, and legatec holds categories of strings only). Input: the files
# `mortgage/generate_data.py` writes. Prints the result's shape, a few columns and sums,
# then timings (not compared).
# ignore-lines: timing:
# whitespace: exact
# env: COLUMNS=80
import argparse
import time

import numpy as np
import pandas as pd

parser = argparse.ArgumentParser(description="Mortgage ETL.")
parser.add_argument("--input", default=".", help="directory of names.csv, acq.txt and perf.txt")
args = parser.parse_args()

t0 = time.perf_counter()
names = pd.read_csv(args.input + "/names.csv", names=["seller_name", "new"], delimiter="|", dtype={"seller_name": "category", "new": "category"}, skiprows=1)
acq = pd.read_csv(
    args.input + "/acq.txt",
    names=[
        "loan_id", "orig_channel", "seller_name", "orig_interest_rate", "orig_upb", "orig_loan_term", "orig_date",
        "first_pay_date", "orig_ltv", "orig_cltv", "num_borrowers", "dti", "borrower_credit_score", "first_home_buyer",
        "loan_purpose", "property_type", "num_units", "occupancy_status", "property_state", "zip",
        "mortgage_insurance_percent", "product_type", "coborrow_credit_score", "mortgage_insurance_type",
        "relocation_mortgage_indicator", "quarter",
    ],
    delimiter="|",
    dtype={
        "loan_id": "int64", "orig_channel": "category", "seller_name": "category", "orig_interest_rate": "float64",
        "orig_upb": "int64", "orig_loan_term": "int64", "orig_ltv": "float64", "orig_cltv": "float64",
        "num_borrowers": "float64", "dti": "float64", "borrower_credit_score": "float64", "first_home_buyer": "category",
        "loan_purpose": "category", "property_type": "category", "num_units": "int64", "occupancy_status": "category",
        "property_state": "category", "zip": "int64", "mortgage_insurance_percent": "float64", "product_type": "category",
        "coborrow_credit_score": "float64", "mortgage_insurance_type": "float64", "relocation_mortgage_indicator": "category",
        "quarter": "int32",
    },
    parse_dates=["orig_date", "first_pay_date"],
    date_format="%m/%Y",
)
perf = pd.read_csv(
    args.input + "/perf.txt",
    names=[
        "loan_id", "monthly_reporting_period", "servicer", "interest_rate", "current_actual_upb", "loan_age",
        "remaining_months_to_legal_maturity", "adj_remaining_months_to_maturity", "maturity_date", "msa",
        "current_loan_delinquency_status", "mod_flag", "zero_balance_code", "zero_balance_effective_date",
        "last_paid_installment_date", "foreclosed_after", "disposition_date", "foreclosure_costs",
        "prop_preservation_and_repair_costs", "asset_recovery_costs", "misc_holding_expenses", "holding_taxes",
        "net_sale_proceeds", "credit_enhancement_proceeds", "repurchase_make_whole_proceeds", "other_foreclosure_proceeds",
        "non_interest_bearing_upb", "principal_forgiveness_upb", "repurchase_make_whole_proceeds_flag",
        "foreclosure_principal_write_off_amount", "servicing_activity_indicator",
    ],
    delimiter="|",
    dtype={
        "loan_id": "int64", "servicer": "category", "interest_rate": "float64", "current_actual_upb": "float64",
        "loan_age": "float64", "remaining_months_to_legal_maturity": "float64", "adj_remaining_months_to_maturity": "float64",
        "msa": "float64", "current_loan_delinquency_status": "int32", "mod_flag": "category", "zero_balance_code": "str",
        "foreclosure_costs": "float64", "prop_preservation_and_repair_costs": "float64", "asset_recovery_costs": "float64",
        "misc_holding_expenses": "float64", "holding_taxes": "float64", "net_sale_proceeds": "float64",
        "credit_enhancement_proceeds": "float64", "repurchase_make_whole_proceeds": "float64",
        "other_foreclosure_proceeds": "float64", "non_interest_bearing_upb": "float64", "principal_forgiveness_upb": "float64",
        "repurchase_make_whole_proceeds_flag": "category", "foreclosure_principal_write_off_amount": "float64",
        "servicing_activity_indicator": "category",
    },
    parse_dates=["monthly_reporting_period", "maturity_date", "zero_balance_effective_date", "last_paid_installment_date", "foreclosed_after", "disposition_date"],
    date_format="%m/%d/%Y",
)
t_csv = time.perf_counter() - t0
default_ts = pd.Timestamp("1970-01-01")

def create_ever_features(df):
    everdf = df[["loan_id", "current_loan_delinquency_status"]].groupby("loan_id", as_index=False).max()
    everdf["ever_30"] = (everdf["current_loan_delinquency_status"] >= 1).astype("int32")
    everdf["ever_90"] = (everdf["current_loan_delinquency_status"] >= 3).astype("int32")
    everdf["ever_180"] = (everdf["current_loan_delinquency_status"] >= 6).astype("int32")
    del everdf["current_loan_delinquency_status"]
    return everdf


def first_delinquency(delinq_df, status, label):
    columns = ["loan_id", "monthly_reporting_period"]
    delinq = delinq_df[columns][delinq_df.current_loan_delinquency_status >= status].groupby("loan_id", as_index=False).min()
    delinq[label] = delinq["monthly_reporting_period"]
    del delinq["monthly_reporting_period"]
    return delinq


def create_delinq_features(df):
    delinq_df = df[["loan_id", "monthly_reporting_period", "current_loan_delinquency_status"]]
    delinq_30 = first_delinquency(delinq_df, 1, "delinquency_30")
    delinq_90 = first_delinquency(delinq_df, 3, "delinquency_90")
    delinq_180 = first_delinquency(delinq_df, 6, "delinquency_180")
    delinq_merge = delinq_30.merge(delinq_90, how="left", on=["loan_id"])
    delinq_merge["delinquency_90"] = delinq_merge["delinquency_90"].fillna(default_ts)
    delinq_merge = delinq_merge.merge(delinq_180, how="left", on=["loan_id"])
    delinq_merge["delinquency_180"] = delinq_merge["delinquency_180"].fillna(default_ts)
    return delinq_merge


def join_ever_delinq_features(everdf_tmp, delinq_merge):
    everdf = everdf_tmp.merge(delinq_merge, how="left", on=["loan_id"])
    everdf["delinquency_30"] = everdf["delinquency_30"].fillna(default_ts)
    everdf["delinquency_90"] = everdf["delinquency_90"].fillna(default_ts)
    everdf["delinquency_180"] = everdf["delinquency_180"].fillna(default_ts)
    return everdf


def create_joined_df(df, everdf):
    test = df[["loan_id", "monthly_reporting_period", "current_loan_delinquency_status", "current_actual_upb"]]
    test["timestamp"] = test["monthly_reporting_period"]
    del test["monthly_reporting_period"]
    test["timestamp_month"] = test["timestamp"].dt.month
    test["timestamp_year"] = test["timestamp"].dt.year
    test["delinquency_12"] = test["current_loan_delinquency_status"]
    del test["current_loan_delinquency_status"]
    test["upb_12"] = test["current_actual_upb"]
    del test["current_actual_upb"]
    test["upb_12"] = test["upb_12"].fillna(999999999)
    joined_df = test.merge(everdf, how="left", on=["loan_id"])
    joined_df["ever_30"] = joined_df["ever_30"].fillna(-1)
    joined_df["ever_90"] = joined_df["ever_90"].fillna(-1)
    joined_df["ever_180"] = joined_df["ever_180"].fillna(-1)
    joined_df["timestamp_year"] = joined_df["timestamp_year"].astype("int32")
    joined_df["timestamp_month"] = joined_df["timestamp_month"].astype("int32")
    return joined_df


def month_features(joined_df, y):
    # The worst delinquency and the smallest balance per loan in twelve-month windows.
    tmpdf = joined_df[["loan_id", "timestamp_year", "timestamp_month", "delinquency_12", "upb_12"]]
    tmpdf["josh_months"] = tmpdf["timestamp_year"] * 12 + tmpdf["timestamp_month"]
    tmpdf["josh_mody_n"] = ((tmpdf["josh_months"].astype("float64") - 24000 - y) / 12).astype("int64")
    tmpdf = tmpdf.groupby(["loan_id", "josh_mody_n"], as_index=False).agg({"delinquency_12": "max", "upb_12": "min"})
    tmpdf["delinquency_12"] = (tmpdf["delinquency_12"] > 3).astype("int32")
    tmpdf["delinquency_12"] = tmpdf["delinquency_12"] + (tmpdf["upb_12"] == 0).astype("int32")
    tmpdf["timestamp_year"] = (((tmpdf["josh_mody_n"] * 12) + 24000 + (y - 1)) / 12).astype("int32")
    tmpdf["timestamp_month"] = np.int32(y)
    del tmpdf["josh_mody_n"]
    return tmpdf


def create_12_mon_features(joined_df):
    testdf = month_features(joined_df, 1)
    for y in range(2, 13):
        testdf = pd.concat([testdf, month_features(joined_df, y)], ignore_index=True)
    return testdf


def combine_joined_12_mon(joined_df, testdf):
    joined_df = joined_df.copy()
    del joined_df["delinquency_12"]
    del joined_df["upb_12"]
    return joined_df.merge(testdf, how="left", on=["loan_id", "timestamp_year", "timestamp_month"])


def final_performance_delinquency(merged, joined_df):
    merged = merged.copy()
    merged["timestamp_month"] = merged["monthly_reporting_period"].dt.month
    merged["timestamp_year"] = merged["monthly_reporting_period"].dt.year
    merged = merged.merge(joined_df, how="left", on=["loan_id", "timestamp_year", "timestamp_month"])
    del merged["timestamp_year"]
    del merged["timestamp_month"]
    return merged


# Seller names replaced by their short names.
acq = acq.merge(names, how="left", on="seller_name")
del acq["seller_name"]
acq["seller_name"] = acq["new"]
del acq["new"]

everdf = create_ever_features(perf)
delinq_merge = create_delinq_features(perf)
everdf = join_ever_delinq_features(everdf, delinq_merge)
joined_df = create_joined_df(perf, everdf)
testdf = create_12_mon_features(joined_df)
joined_df = combine_joined_12_mon(joined_df, testdf)
perf_df = final_performance_delinquency(perf, joined_df)
final_df = perf_df.merge(acq, how="left", on="loan_id")
t_all = time.perf_counter() - t0

print(final_df.shape)
print(final_df[["loan_id", "monthly_reporting_period", "current_loan_delinquency_status", "ever_90", "delinquency_30"]].head(8))
print(final_df[["loan_id", "upb_12", "delinquency_12", "seller_name", "orig_date"]].tail(5))
print(final_df.seller_name.value_counts())
print(final_df.groupby("property_state").current_actual_upb.sum())
print(final_df.ever_30.sum(), final_df.ever_180.sum(), final_df.loan_age.sum())
print(final_df[final_df.delinquency_90 > default_ts].loan_id.nunique())
print("timing: CSV parsing", round(t_csv, 4), "s; processing", round(t_all - t_csv, 4), "s")
