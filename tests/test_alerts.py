"""Dyad alerts over a real DuckDB store of synthetic event streams: what is raised, once, and delivered."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from alert_stream import LAST_DAY, conflict_in_last_week, place, steady, surge_on_last_day, write_stream
from test_store import make_doc, make_event

from thucydides.alerts import Alert, AlertOptions, check_alerts, format_alert
from thucydides.alerts.detect import WindowStats, count_test, goldstein_test
from thucydides.alerts.rules import Rule
from thucydides.alerts.series import dyad_series
from thucydides.alerts.storage import AlertFilter, list_alerts
from thucydides.models import EventActor
from thucydides.store import EventStore, StoreError

NOW = datetime(2024, 3, 3, 18, 0, tzinfo=UTC)


def check(path: Path, options: AlertOptions | None = None, now: datetime = NOW) -> list[Alert]:
    with EventStore(path) as store:
        return check_alerts(store, options or AlertOptions(), now=now)


def test_a_steady_stream_raises_no_alert(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    write_stream(path, steady)
    assert check(path) == []
    with EventStore(path) as store:
        assert store.count("alerts") == 0


def test_a_surge_in_one_dyad_raises_exactly_the_daily_surge(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    write_stream(path, surge_on_last_day)
    [alert] = check(path)
    assert (alert.rule, alert.test, alert.level) == ("daily-surge", "count", "country")
    assert (alert.source, alert.target, alert.window) == ("RUS", "UKR", "day")
    assert alert.window_start == alert.window_end == LAST_DAY
    assert alert.count == 12 and alert.baseline_windows == 7 and alert.baseline_count == 14
    assert alert.baseline_mean == pytest.approx(2.0)
    # a flat baseline has no spread: the deviation is the Poisson one, sqrt(2)
    assert alert.baseline_sd == pytest.approx(2**0.5)
    assert alert.z == pytest.approx(10 / 2**0.5)
    assert alert.ratio == pytest.approx(6.0)
    # the alert carries the twelve reports of that day's RUS -> UKR happenings, and only those
    assert len(alert.events) == 12
    assert {e.article_id for e in alert.events} == {f"s-{LAST_DAY.isoformat()}"}
    assert len({e.cluster_id for e in alert.events}) == 12
    assert alert.message == ("RUS -> UKR: 12 events on 2024-03-03, against 2.0 per day over the previous 7 "
                             "(z 7.1, 6.0x)")
    assert format_alert(alert).startswith("ALERT daily-surge [2024-03-03]: RUS -> UKR")
    with EventStore(path, read_only=True) as store:
        total, [stored] = list_alerts(store.con, AlertFilter())
    assert total == 1 and stored == alert


def test_a_goldstein_shift_raises_the_weekly_shift_alone(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    write_stream(path, conflict_in_last_week)
    [alert] = check(path)
    assert (alert.rule, alert.test, alert.source, alert.target) == (
        "weekly-goldstein-shift",
        "goldstein",
        "RUS",
        "UKR",
    )
    assert alert.window_start == date(2024, 2, 26) and alert.window_end == LAST_DAY
    assert alert.count == 7 and alert.baseline_count == 56
    assert alert.goldstein_mean == pytest.approx(-10.0)
    assert alert.baseline_goldstein == pytest.approx(1.0)
    assert alert.goldstein_shift == pytest.approx(-11.0)
    assert alert.message == ("RUS -> UKR: mean Goldstein -10.0 over 7 events in the week of 2024-02-26, "
                             "against +1.0 over the previous 8 weeks (-11.0, t -27.4, toward conflict)")
    assert len(alert.events) == 7


def test_a_recheck_raises_nothing_new_even_as_the_window_grows(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    write_stream(path, surge_on_last_day)
    [first] = check(path)
    assert check(path) == []
    # more happenings in the same window (too few for the weekly rule, 26 against 14 a week): still
    # the one alert, with the figures and reports it was raised with
    write_stream(path, lambda d: [("RUS", "UKR", "036", 2)], LAST_DAY, LAST_DAY, prefix="late")
    assert check(path, now=NOW + timedelta(hours=2)) == []
    with EventStore(path) as store:
        assert store.count("alerts") == 1
        assert store.count("alert_events") == len(first.events) == 12


def test_documents_queued_but_not_yet_committed_are_checked(tmp_path: Path) -> None:
    # a watcher queues what it coded with store.add(); a check in between must see it
    path = tmp_path / "events.duckdb"
    write_stream(path, steady)
    surge = [make_event(i, "RUS", "UKR", "040", date="2024-03-03", location=place(i)) for i in range(10)]
    with EventStore(path, batch_size=1000) as store:
        store.add(make_doc("queued", surge, date="2024-03-03"))
        [alert] = check_alerts(store, AlertOptions(), now=NOW)
    assert alert.rule == "daily-surge" and {e.article_id for e in alert.events} == {"queued", "s-2024-03-03"}


def test_the_alert_of_yesterday_is_still_checked_today(tmp_path: Path) -> None:
    # check: 2 -> a run on Monday still sees Sunday's surge (its reports may come in late)
    path = tmp_path / "events.duckdb"
    write_stream(path, surge_on_last_day)
    [alert] = check(path, now=NOW + timedelta(days=1))
    assert alert.rule == "daily-surge" and alert.window_start == LAST_DAY
    # three days on, Sunday is no longer checked
    other = tmp_path / "other.duckdb"
    write_stream(other, surge_on_last_day)
    assert check(other, now=NOW + timedelta(days=3)) == []


RULES_ONLY_USA = """\
version: 1
defaults: {window: day, baseline: 7, min_count: 3}
rules:
  - name: usa-china
    test: count
    z: 2
    dyads: [{source: USA, target: CHN}]
"""


def test_rules_follow_only_the_dyads_they_name(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    write_stream(path, surge_on_last_day)
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES_ONLY_USA, encoding="utf-8")
    assert check(path, AlertOptions(rules_path=rules)) == []
    rules.write_text(RULES_ONLY_USA.replace("dyads: [{source: USA, target: CHN}]", "actors: [UKR]"))
    [alert] = check(path, AlertOptions(rules_path=rules))
    assert (alert.rule, alert.source, alert.target) == ("usa-china", "RUS", "UKR")


def test_the_jsonl_file_gets_one_line_per_new_alert(tmp_path: Path) -> None:
    path, out = tmp_path / "events.duckdb", tmp_path / "alerts.jsonl"
    write_stream(path, surge_on_last_day)
    [alert] = check(path, AlertOptions(jsonl_path=out))
    check(path, AlertOptions(jsonl_path=out))
    [line] = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record == alert.to_dict()
    assert record["window_start"] == "2024-03-03" and record["baseline_start"] == "2024-02-25"
    assert record["raised_at"] == "2024-03-03T18:00:00Z"
    assert len(record["events"]) == 12 and set(record["events"][0]) == {
        "cluster_id",
        "article_id",
        "event_id",
    }


def test_an_unwritable_jsonl_file_is_reported_not_fatal(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "events.duckdb"
    write_stream(path, surge_on_last_day)
    [alert] = check(path, AlertOptions(jsonl_path=tmp_path / "no-such-dir" / "alerts.jsonl"))
    assert alert.rule == "daily-surge"
    assert "cannot append to" in caplog.text and "no-such-dir" in caplog.text
    with EventStore(path) as store:
        assert store.count("alerts") == 1


def test_a_read_only_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    write_stream(path, steady)
    with EventStore(path, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        check_alerts(store, AlertOptions(), now=NOW)


def test_a_bad_webhook_url_is_refused_up_front() -> None:
    with pytest.raises(ValueError, match="not an http"):
        AlertOptions(webhook_url="ftp://example.org/hook")


# -- the tests on numbers ---------------------------------------------------------------------------------
RULE = Rule(name="r", test="count", baseline=4, min_count=5, z=3.0)


def test_count_test_floors_the_deviation_of_a_silent_baseline() -> None:
    found = count_test(WindowStats(5), [WindowStats()] * 4, RULE)
    assert found is not None and found.z == pytest.approx(5.0) and found.ratio is None
    assert found.baseline_sd == pytest.approx(1.0)  # min_sigma: no endless score
    assert count_test(WindowStats(4), [WindowStats()] * 4, RULE) is None  # under min_count


def test_count_test_uses_the_sample_deviation_when_it_is_the_largest() -> None:
    baseline = [WindowStats(n) for n in (0, 10, 0, 10)]  # mean 5, sd 5.77 > sqrt(5)
    assert count_test(WindowStats(20), baseline, RULE) is None  # z 2.6
    found = count_test(WindowStats(23), baseline, RULE)
    assert found is not None and found.z == pytest.approx((23 - 5) / (100 / 3) ** 0.5)
    ratio_rule = Rule(name="r", test="count", baseline=4, z=3.0, min_ratio=5.0)
    assert count_test(WindowStats(23), baseline, ratio_rule) is None  # 4.6 times the mean


def scores(*values: float) -> WindowStats:
    """A window holding events with these Goldstein scores."""
    return WindowStats(len(values), sum(values), len(values), sum(v * v for v in values))


def test_goldstein_test_needs_enough_events_on_both_sides_and_honours_direction() -> None:
    rule = Rule(name="g", test="goldstein", min_count=3, delta=3.0)
    calm = [scores(2.0, 2.0)] * 4  # eight events of +2
    found = goldstein_test(scores(-2.0, -2.0, -2.0), calm, rule)
    assert found is not None and found.goldstein_shift == pytest.approx(-4.0)
    # Welch's t with both spreads floored at min_sigma (1 point): -4 / sqrt(1/3 + 1/8)
    assert found.z == pytest.approx(-4.0 / (1 / 3 + 1 / 8) ** 0.5)
    assert goldstein_test(scores(-2.0, -2.0), calm, rule) is None  # too few now
    assert goldstein_test(scores(-2.0, -2.0, -2.0), [scores(2.0)] * 2, rule) is None  # thin baseline
    up_only = Rule(name="g", test="goldstein", min_count=3, delta=3.0, direction="up")
    assert goldstein_test(scores(-2.0, -2.0, -2.0), calm, up_only) is None
    assert goldstein_test(scores(4.0, 2.0, 2.0), calm, rule) is None  # +0.67: too small


def test_goldstein_min_t_keeps_widely_spread_scores_from_alerting() -> None:
    rule = Rule(name="g", test="goldstein", min_count=5, delta=3.0, min_t=3.0)
    calm = [scores(1.0, -2.0, 1.0, 1.0)] * 8  # mean +0.25, sd 1.5
    noisy = scores(1.0, -10.0, 1.0, -10.0, 1.0, 1.0)  # mean -2.7: a shift of -2.9, but t only -1.3
    loose = Rule(name="g", test="goldstein", min_count=5, delta=2.5)
    assert goldstein_test(noisy, calm, loose) is not None
    strict = Rule(name="g", test="goldstein", min_count=5, delta=2.5, min_t=3.0)
    assert goldstein_test(noisy, calm, strict) is None
    steady_fall = scores(-4.0, -4.0, -3.0, -4.0, -4.0, -3.0)  # a shift of -3.9 with little spread
    found = goldstein_test(steady_fall, calm, rule)
    assert found is not None and found.z is not None and found.z < -3.0


# -- which sides make a dyad ---------------------------------------------------------------------
def test_a_side_without_country_counts_only_under_a_full_code(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    un = make_event(0, "RUS", None, date="2024-03-01")
    un.target = EventActor("the UN", 0, 6, "IGOUNO", None, None, "United Nations")
    gov = make_event(1, "RUS", None, "112", date="2024-03-01")
    gov.target = EventActor("the government", 0, 14, "GOV", None, "GOV", None)
    mil = make_event(2, "RUSMIL", "UKR", "190", date="2024-03-01")
    with EventStore(path) as store:
        store.add_documents([make_doc("sides", [un, gov, mil], date="2024-03-01")])
        by_country = dyad_series(store.con, "country", "day", date(2024, 3, 1), date(2024, 3, 1))
        by_actor = dyad_series(store.con, "actor", "day", date(2024, 3, 1), date(2024, 3, 1))
    assert set(by_country) == {("RUS", "IGOUNO"), ("RUS", "UKR")}
    assert set(by_actor) == {("RUS", "IGOUNO"), ("RUSMIL", "UKR")}
    assert by_country[("RUS", "UKR")][date(2024, 3, 1)] == WindowStats(1, -10.0, 1, 100.0)
