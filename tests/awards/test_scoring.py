"""The scoring rules of awards.scoring on hand-computed examples (arithmetic in comments)."""

import math

import pytest

from awards import scoring
from awards.scoring import Card, CriterionSpec, stage_compute

# One criterion on a 0-100 scale of weight 1: a scorecard's weighted score is its value.
PERCENT = [CriterionSpec(id=1, weight=1, scale_min=0, scale_max=100)]


def cards(judge_id: int, scores: dict[int, int]) -> list[Card]:
    return [Card(judge_id=judge_id, entry_id=e, values={1: v}) for e, v in scores.items()]


def test_weighted_score_unequal_weights_and_scales():
    criteria = {
        1: CriterionSpec(id=1, weight=2, scale_min=1, scale_max=5),
        2: CriterionSpec(id=2, weight=1, scale_min=0, scale_max=10),
    }
    # 100 x (2 x (4-1)/(5-1) + 1 x (7-0)/(10-0)) / (2+1) = 100 x (1.5 + 0.7) / 3 = 73.333...
    assert scoring.weighted_score({1: 4, 2: 7}, criteria) == pytest.approx(220 / 3)
    # Only the 1-5 criterion answered: 100 x 2 x 0.75 / 2 = 75 (divided by the weight answered).
    assert scoring.weighted_score({1: 4}, criteria) == pytest.approx(75)
    # Extremes: 0 and 100.
    assert scoring.weighted_score({1: 1, 2: 0}, criteria) == 0
    assert scoring.weighted_score({1: 5, 2: 10}, criteria) == pytest.approx(100)
    assert scoring.weighted_score({}, criteria) is None


def test_entry_figures_mean_median_spread():
    result = stage_compute(
        criteria=PERCENT,
        cards=cards(1, {10: 40}) + cards(2, {10: 50}) + cards(3, {10: 90}),
    )
    row = result.rows[0]
    # mean (40+50+90)/3 = 60; median 50; spread 90-40 = 50; 3 judges.
    assert (row.raw_mean, row.median, row.spread, row.n_judges) == (60, 50, 50, 3)
    assert row.judge_scores == {1: 40, 2: 50, 3: 90}


def test_population_standard_deviation_is_used_for_judges():
    result = stage_compute(
        criteria=PERCENT, cards=cards(1, dict(enumerate([10, 20, 30, 40, 50, 60])))
    )
    judge = result.judges[1]
    # mean 35; deviations +-25, +-15, +-5; population variance (625+225+25) x 2 / 6 = 291.67
    # (a sample standard deviation would be sqrt(1750/5) = 18.71).
    assert judge.mean == 35
    assert judge.sd == pytest.approx(math.sqrt(1750 / 6))
    assert judge.standardised is True


def test_harsh_and_lenient_judges_rank_like_a_single_judge():
    lenient = {1: 90, 2: 80, 3: 70, 4: 60, 5: 50, 6: 40}
    harsh = {entry: value - 20 for entry, value in lenient.items()}  # 70, 60, ..., 20
    shuffled = {3: 40, 1: 35, 6: 5, 2: 30, 5: 10, 4: 20}  # another order, to prove it matters
    both = stage_compute(criteria=PERCENT, cards=cards(1, lenient) + cards(2, harsh))
    single = stage_compute(criteria=PERCENT, cards=cards(1, lenient))
    other = stage_compute(criteria=PERCENT, cards=cards(1, shuffled))

    assert [r.entry_id for r in both.rows] == [r.entry_id for r in single.rows]
    assert [r.entry_id for r in both.rows] == [1, 2, 3, 4, 5, 6]
    assert [r.entry_id for r in other.rows] == [3, 1, 2, 4, 5, 6]
    # Both judges give entry 1 the same z: (90-65)/sd_L = (70-45)/sd_H = 25/sqrt(1750/6).
    z1 = 25 / math.sqrt(1750 / 6)
    row = both.by_entry()[1]
    assert row.judge_z[1] == pytest.approx(z1)
    assert row.judge_z[2] == pytest.approx(z1)
    # All 12 raw scores: mean (65+45)/2 = 55; deviations 35,25,15,5,-5,-15 and
    # 15,5,-5,-15,-25,-35: variance 2 x 2350 / 12 = 391.67.
    assert both.mean_all == pytest.approx(55)
    assert both.sd_all == pytest.approx(math.sqrt(4700 / 12))
    assert row.normalised == pytest.approx(55 + math.sqrt(4700 / 12) * z1)  # 83.97
    assert [r.rank for r in both.rows] == [1, 2, 3, 4, 5, 6]


def test_judge_with_fewer_than_six_entries_is_only_centred():
    # Judge 1 scores six entries (standardised); judge 2 only entries 7 and 8 (centred).
    data = cards(1, {1: 10, 2: 20, 3: 30, 4: 40, 5: 50, 6: 60}) + cards(2, {7: 80, 8: 60})
    result = stage_compute(criteria=PERCENT, cards=data)
    # All 8 scores: mean 350/8 = 43.75; squared deviations 1139.0625, 564.0625, 189.0625,
    # 14.0625, 39.0625, 264.0625, 1314.0625, 264.0625 = 3787.5; variance 3787.5/8 = 473.4375.
    sd_all = math.sqrt(473.4375)
    assert result.mean_all == pytest.approx(43.75)
    assert result.sd_all == pytest.approx(sd_all)
    assert result.judges[2].standardised is False
    assert result.judges[2].mean == 70  # (80+60)/2
    rows = result.by_entry()
    # z = (80-70)/SD_all = 10/21.7586 = 0.45958, not (80-70)/10 = 1 (the judge's own sd).
    assert rows[7].z == pytest.approx(10 / sd_all)
    assert rows[8].z == pytest.approx(-10 / sd_all)
    # Back on the scale: 43.75 + SD_all x 10/SD_all = 53.75; 43.75 - 10 = 33.75.
    assert rows[7].normalised == pytest.approx(53.75)
    assert rows[8].normalised == pytest.approx(33.75)
    # Judge 1 is standardised: entry 6's z = (60-35)/sqrt(1750/6) = 1.4639.
    assert rows[6].z == pytest.approx(25 / math.sqrt(1750 / 6))


def test_judge_with_standard_deviation_below_one_point_is_only_centred():
    data = cards(1, {1: 50, 2: 50, 3: 50, 4: 50, 5: 50, 6: 51}) + cards(2, {7: 0, 8: 100})
    result = stage_compute(criteria=PERCENT, cards=data)
    judge = result.judges[1]
    # Judge 1: mean 301/6 = 50.1667; variance (5 x (1/6)^2 + (5/6)^2)/6 = 0.1389; sd 0.373 < 1.
    assert judge.sd == pytest.approx(math.sqrt((5 / 36 + 25 / 36) / 6))
    assert judge.standardised is False
    # All 8 scores: mean 401/8 = 50.125; squared deviations 5 x 0.015625 + 0.765625
    # + 2512.515625 + 2487.515625 = 5000.875; variance 625.109375.
    sd_all = math.sqrt(625.109375)
    assert result.sd_all == pytest.approx(sd_all)
    # z = (51 - 50.1667)/25.0022 = 0.03333 (centred and divided by SD_all).
    assert result.by_entry()[6].z == pytest.approx((51 - 301 / 6) / sd_all)


def test_all_raw_scores_equal_gives_zero_z():
    result = stage_compute(criteria=PERCENT, cards=cards(1, {1: 70, 2: 70}))
    assert result.sd_all == 0
    assert [(r.z, r.normalised) for r in result.rows] == [(0, 70), (0, 70)]


# Ties: three judges, entries A (10) and B (20), scored so that the normalised scores are equal.
# Two criteria of weight 1 on 0-10, the first one primary: s = 5 x (P + O).
TIE_CRITERIA = [
    CriterionSpec(id=1, weight=1, scale_min=0, scale_max=10, is_primary=True),
    CriterionSpec(id=2, weight=1, scale_min=0, scale_max=10),
]


def tie_cards(a: dict[int, tuple[int, int]], b: dict[int, tuple[int, int]]) -> list[Card]:
    return [
        Card(judge_id=j, entry_id=entry, values={1: p, 2: o})
        for entry, scores in ((10, a), (20, b))
        for j, (p, o) in scores.items()
    ]


# A: 40 (8,0), 50 (10,0), 90 (10,8): mean 60, median 50, primary mean 28/3 = 9.33.
# B: 50 (5,5), 60 (6,6), 70 (7,7): mean 60, median 60, primary mean 6.
# Judges' means: J1 (40+50)/2 = 45, J2 55, J3 80 (all centred, fewer than 6 entries), so
# z_A = ((40-45) + (50-55) + (90-80))/3/SD_all = 0 and z_B = (5 + 5 - 10)/3/SD_all = 0: tied.
MEDIAN_VS_PRIMARY = tie_cards(
    {1: (8, 0), 2: (10, 0), 3: (10, 8)}, {1: (5, 5), 2: (6, 6), 3: (7, 7)}
)


def test_tie_broken_by_median_first():
    result = stage_compute(
        criteria=TIE_CRITERIA, cards=MEDIAN_VS_PRIMARY, tie_break=["median", "primary", "chair"]
    )
    a, b = result.by_entry()[10], result.by_entry()[20]
    assert a.normalised == pytest.approx(b.normalised)
    assert (a.median, b.median) == (50, 60)
    assert [(r.entry_id, r.rank) for r in result.rows] == [(20, 1), (10, 2)]
    assert all(scoring.TIE_NEEDS_CHAIR not in r.flags for r in result.rows)


def test_tie_broken_in_the_cycles_order_primary_first():
    result = stage_compute(
        criteria=TIE_CRITERIA, cards=MEDIAN_VS_PRIMARY, tie_break=["primary", "median"]
    )
    assert result.by_entry()[10].primary_mean == pytest.approx(28 / 3)
    assert result.by_entry()[20].primary_mean == 6
    assert [(r.entry_id, r.rank) for r in result.rows] == [(10, 1), (20, 2)]


# C: J1 (8,2) = 50, J2 (6,4) = 50; D: J1 (2,8) = 50, J2 (4,6) = 50. Same medians (50);
# primary means C (8+6)/2 = 7, D (2+4)/2 = 3.
SAME_MEDIAN = tie_cards({1: (8, 2), 2: (6, 4)}, {1: (2, 8), 2: (4, 6)})


def test_tie_with_equal_median_broken_by_primary():
    result = stage_compute(
        criteria=TIE_CRITERIA, cards=SAME_MEDIAN, tie_break=["median", "primary", "chair"]
    )
    assert [(r.entry_id, r.rank) for r in result.rows] == [(10, 1), (20, 2)]


# E and F: identical scorecards (50 and 50, primary 5 and 5).
IDENTICAL = tie_cards({1: (5, 5), 2: (5, 5)}, {1: (5, 5), 2: (5, 5)})


def test_tie_still_open_shares_the_rank_and_needs_the_chair():
    result = stage_compute(
        criteria=TIE_CRITERIA, cards=IDENTICAL, tie_break=["median", "primary", "chair"]
    )
    assert [(r.entry_id, r.rank) for r in result.rows] == [(10, 1), (20, 1)]
    assert all(scoring.TIE_NEEDS_CHAIR in r.flags for r in result.rows)


def test_tie_broken_by_the_chair():
    result = stage_compute(
        criteria=TIE_CRITERIA,
        cards=IDENTICAL,
        tie_break=["median", "primary", "chair"],
        chair_orders={20: 1, 10: 2},
    )
    assert [(r.entry_id, r.rank) for r in result.rows] == [(20, 1), (10, 2)]
    assert all(scoring.TIE_NEEDS_CHAIR not in r.flags for r in result.rows)


def test_chair_decision_for_only_one_of_the_tied_leaves_the_tie():
    result = stage_compute(
        criteria=TIE_CRITERIA, cards=IDENTICAL, tie_break=["chair"], chair_orders={20: 1}
    )
    assert [r.rank for r in result.rows] == [1, 1]
    assert all(scoring.TIE_NEEDS_CHAIR in r.flags for r in result.rows)


def test_tie_without_chair_in_the_tie_break_is_shared_without_flag():
    result = stage_compute(criteria=TIE_CRITERIA, cards=IDENTICAL, tie_break=["median"])
    assert [r.rank for r in result.rows] == [1, 1]
    assert all(r.flags == [] for r in result.rows)


def test_harsh_and_lenient_judges_who_agree_are_not_flagged():
    # Judge 1: 40, 50, 60; judge 2 (20 points kinder on each): 80, 90, 100. Every raw spread
    # is 40 (far above the old 25 points), but both judges rank the entries alike: centred
    # (3 entries), z_j = (s - m_j) / SD_all are equal for both judges, z spread 0.
    data = cards(1, {1: 40, 2: 50, 3: 60}) + cards(2, {1: 80, 2: 90, 3: 100})
    result = stage_compute(criteria=PERCENT, cards=data)
    for row in result.rows:
        assert row.spread == 40
        assert row.z_spread == pytest.approx(0)
        assert scoring.JUDGES_DISAGREE not in row.flags


def test_flag_judges_disagree_relative_to_the_stage():
    # Judge 1: e1 30, e2 50, e3 70 (mean 50); judge 2: e1 30, e2 50, e3 10 (mean 30); judge 3
    # scores only e4: 40. All seven: mean 40, SD_all = sqrt((100+100+900+100+100+900+0)/7)
    # = sqrt(2200/7) = 17.73. z (centred, (s - m_j) / SD_all): judge 1 -1.13, 0, +1.13;
    # judge 2 0, +1.13, -1.13. z spread: e1 and e2 1.13 (below 1.25), e3 2.26: judge 1 thinks
    # it the best entry, judge 2 the worst. Only e3 is flagged; e4, with one judge, never is.
    data = cards(1, {1: 30, 2: 50, 3: 70}) + cards(2, {1: 30, 2: 50, 3: 10}) + cards(3, {4: 40})
    result = stage_compute(criteria=PERCENT, cards=data)
    sd_all = math.sqrt(2200 / 7)
    assert result.sd_all == pytest.approx(sd_all)
    rows = result.by_entry()
    assert rows[1].z_spread == pytest.approx(20 / sd_all)
    assert rows[3].z_spread == pytest.approx(40 / sd_all)
    assert rows[4].z_spread == 0
    flagged = {e for e, r in rows.items() if scoring.JUDGES_DISAGREE in r.flags}
    assert flagged == {3}
    # On the 0-100 scale: judges 1.25 x 17.73 = 22.2 normalised points apart disagree.
    assert result.disagree_points == pytest.approx(1.25 * sd_all)


def test_flag_normalisation_moved_the_rank_by_three_or_more():
    # Lenient judge 1: L1..L6 (ids 1-6) = 90, 88, 86, 84, 82, 80 (mean 85, sd sqrt(70/6) = 3.42)
    # Harsh judge 2: H1..H6 (ids 11-16) = 60, 50, 40, 30, 20, 10 (mean 35, sd 5 x 3.42)
    # z: L_k and H_k are equal (+-1.46, +-0.88, +-0.29); raw_mean breaks those ties (L first):
    # normalised order L1 H1 L2 H2 L3 H3 L4 H4 L5 H5 L6 H6; raw order L1..L6, H1..H6.
    lenient = dict(zip(range(1, 7), [90, 88, 86, 84, 82, 80], strict=True))
    harsh = dict(zip(range(11, 17), [60, 50, 40, 30, 20, 10], strict=True))
    result = stage_compute(
        criteria=PERCENT, cards=cards(1, lenient) + cards(2, harsh), tie_break=["raw_mean"]
    )
    assert [r.entry_id for r in result.rows] == [1, 11, 2, 12, 3, 13, 4, 14, 5, 15, 6, 16]
    rows = result.by_entry()
    # raw -> normalised: L4 4->7, L5 5->9, L6 6->11, H1 7->2, H2 8->4, H3 9->6 (moved >= 3);
    # L3 3->5, H4 10->8 (moved 2): not flagged.
    assert (rows[4].raw_rank, rows[4].rank) == (4, 7)
    assert (rows[11].raw_rank, rows[11].rank) == (7, 2)
    moved = {e for e, r in rows.items() if scoring.NORMALISATION_MOVED in r.flags}
    assert moved == {4, 5, 6, 11, 12, 13}


def test_unscored_entries_are_listed_last_without_rank():
    result = stage_compute(criteria=PERCENT, cards=cards(1, {2: 50}), entry_ids=[1, 2, 3])
    assert [(r.entry_id, r.rank, r.normalised) for r in result.rows] == [
        (2, 1, 50),
        (1, None, None),
        (3, None, None),
    ]


def test_rank_within_category():
    result = stage_compute(
        criteria=PERCENT,
        cards=cards(1, {1: 90, 2: 80, 3: 70, 4: 60}),
        categories={1: 100, 2: 200, 3: 100, 4: 200},
    )
    assert [(r.entry_id, r.rank, r.category_rank) for r in result.rows] == [
        (1, 1, 1),
        (2, 2, 1),
        (3, 3, 2),
        (4, 4, 2),
    ]
