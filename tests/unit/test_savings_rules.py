"""Savings arithmetic: hand-computed fixtures in øre, and properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smajob.billing.money import pay_for
from smajob.savings.rules import (
    BenefitRate,
    earnings_saving,
    self_support_saving,
    summarise,
)

# Example values (a municipality replaces them with its own): 12.000 kr./month benefit,
# 33,22 kr. disregard per hour, capped at 5.500 kr./month.
RATE = BenefitRate(monthly_benefit_ore=1_200_000, disregard_ore_per_hour=3_322,
                   disregard_cap_ore_per_month=550_000)


def test_five_hours_a_week_at_140_kroner_including_holiday_pay_for_a_month():
    # 5 h/week × 4 weeks = 20 hours = 1.200 minutes; 140 kr./h incl. holiday pay → 2.800 kr.
    saving = earnings_saving(earnings_ore=280_000, minutes=1_200, rate=RATE)
    assert saving.disregard_ore == 66_440  # 20 h × 33,22 kr.
    assert saving.reduction_ore == 213_560  # 2.800,00 − 664,40 = 2.135,60 kr.


def test_holiday_pay_is_part_of_the_earnings():
    pay = pay_for(1_200, wage_ore_per_hour=12_444, holiday_basis_points=1250)
    # 20 h × 124,44 kr. = 2.488,80 kr. wages + 12,5 % holiday pay 311,10 kr. = 2.799,90 kr.
    assert (pay.wages, pay.holiday_pay, pay.gross) == (248_880, 31_110, 279_990)
    assert earnings_saving(pay.gross, 1_200, RATE).reduction_ore == 213_550


def test_the_disregard_is_capped_per_month_and_the_reduction_by_the_benefit():
    big = earnings_saving(earnings_ore=2_000_000, minutes=200 * 60, rate=RATE)
    assert big.disregard_ore == 550_000  # 200 h × 33,22 = 6.644 kr. > the 5.500 kr. cap
    assert big.reduction_ore == 1_200_000  # never more than the month's benefit


def test_small_earnings_below_the_disregard_save_nothing():
    assert earnings_saving(earnings_ore=10_000, minutes=600, rate=RATE).reduction_ore == 0


def test_negative_input_is_refused():
    with pytest.raises(ValueError):
        earnings_saving(-1, 60, RATE)


@pytest.mark.parametrize(("elapsed", "sensitivity", "expected"),
                         [(6, 6, 7_200_000), (6, 3, 3_600_000), (6, 12, 7_200_000),
                          (0, 6, 0), (-2, 6, 0)])
def test_self_support_counts_the_chosen_months_but_never_future_ones(elapsed, sensitivity,
                                                                     expected):
    assert self_support_saving(elapsed, sensitivity, RATE).saving_ore == expected


def test_sensitivity_must_be_a_known_choice():
    with pytest.raises(ValueError):
        self_support_saving(6, 5, RATE)


def test_summary_fixture():
    summary = summarise([213_560], [7_200_000], paid_to_bureau_ore=2_500_000)
    assert summary.gross_ore == 7_413_560
    assert summary.net_ore == 4_913_560
    assert summary.return_per_krone_hundredths == 297  # 2,97 kr. back per krone paid
    assert summarise([], [], 0).return_per_krone_hundredths is None


@given(st.integers(0, 10_000_000), st.integers(0, 300 * 60),
       st.integers(0, 2_000_000), st.integers(0, 10_000), st.integers(0, 1_000_000))
def test_reduction_is_bounded_and_monotone_in_earnings(earnings, minutes, benefit, per_hour, cap):
    rate = BenefitRate(benefit, per_hour, cap)
    saving = earnings_saving(earnings, minutes, rate)
    assert 0 <= saving.reduction_ore <= min(benefit, earnings)
    assert saving.disregard_ore <= cap
    assert earnings_saving(earnings + 100, minutes, rate).reduction_ore >= saving.reduction_ore
    assert isinstance(saving.reduction_ore, int)
