//! Every Japanese public holiday of 2000–2030 against `tests/vectors/japan_holidays.csv`, which
//! `scripts/japan_holidays_reference.py` wrote from two independent implementations (the
//! `jpholiday` and `holidays` Python packages) where they agree.

use std::collections::BTreeMap;

use kizuna::sla::holidays::{HolidayKind, japanese_holidays};

#[test]
fn every_holiday_from_2000_to_2030() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/japan_holidays.csv"
    );
    let data = std::fs::read_to_string(path).expect("reference data is committed");
    let reference: BTreeMap<String, String> = data
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once(','))
        .map(|(date, name)| (date.to_owned(), name.to_owned()))
        .collect();
    assert!(reference.len() > 500, "reference too small");

    let mut ours = BTreeMap::new();
    for year in 2000..=2030 {
        for h in japanese_holidays(year).expect("supported year") {
            ours.insert(h.date.to_string(), h);
        }
    }
    let missing: Vec<_> = reference
        .keys()
        .filter(|d| !ours.contains_key(*d))
        .collect();
    let extra: Vec<_> = ours
        .keys()
        .filter(|d| !reference.contains_key(*d))
        .collect();
    assert!(missing.is_empty(), "holidays we miss: {missing:?}");
    assert!(
        extra.is_empty(),
        "days we call holidays that are not: {extra:?}"
    );

    // Names: the reference writes a substitute day as "<holiday> 振替休日".
    for (date, name) in &reference {
        let h = &ours[date];
        let agrees = match h.kind {
            HolidayKind::Substitute => name.ends_with("振替休日"),
            _ => name == &h.name_ja,
        };
        assert!(agrees, "{date}: reference {name:?}, ours {:?}", h.name_ja);
    }
}
