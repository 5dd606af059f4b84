//! Properties of business time on a Japanese support calendar (two intervals a day, Saturday
//! mornings, holidays) and on a New York one across daylight-saving changes.

use jiff::civil::Weekday;
use jiff::{SignedDuration, Timestamp};
use kizuna::sla::Calendar;
use proptest::prelude::*;

fn tokyo() -> Calendar {
    Calendar::builder("Asia/Tokyo")
        .hours(
            Weekday::Monday..=Weekday::Friday,
            "09:00-12:00, 13:00-18:00",
        )
        .and_then(|b| b.hours(Weekday::Saturday, "10:00-14:00"))
        .expect("hours")
        .japanese_holidays()
        .years(2025..=2027)
        .build()
        .expect("calendar")
}

fn new_york() -> Calendar {
    Calendar::builder("America/New_York")
        .hours(Weekday::Monday..=Weekday::Friday, "08:30-17:30")
        .expect("hours")
        .years(2025..=2027)
        .build()
        .expect("calendar")
}

/// Instants in 2026, to the second.
fn instant() -> impl Strategy<Value = Timestamp> {
    (1_767_225_600i64..1_798_761_600).prop_map(|s| Timestamp::from_second(s).expect("in range"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn business_time_never_exceeds_calendar_time(a in instant(), b in instant()) {
        let (start, end) = if a <= b { (a, b) } else { (b, a) };
        for cal in [tokyo(), new_york()] {
            let business = cal.business_duration(start, end).unwrap();
            prop_assert!(business >= SignedDuration::ZERO);
            prop_assert!(business <= end.duration_since(start));
        }
    }

    #[test]
    fn durations_add_up(a in instant(), b in instant(), c in instant()) {
        let mut t = [a, b, c];
        t.sort();
        let cal = tokyo();
        let whole = cal.business_duration(t[0], t[2]).unwrap();
        let parts = cal.business_duration(t[0], t[1]).unwrap() + cal.business_duration(t[1], t[2]).unwrap();
        prop_assert_eq!(whole, parts);
    }

    #[test]
    fn a_deadline_is_where_the_duration_runs_out(start in instant(), end in instant()) {
        for cal in [tokyo(), new_york()] {
            let (start, end) = if start <= end { (start, end) } else { (end, start) };
            // Move `end` to a business instant: the deadline is the earliest such instant.
            let Ok(business) = cal.business_duration(start, end) else { continue };
            let due = cal.add_business(start, business).unwrap();
            prop_assert_eq!(cal.business_duration(start, due).unwrap(), business);
            prop_assert!(due <= end);
            // Strictly inside an open interval (at its opening second, the earliest instant
            // is the close of the interval before).
            let inside = cal.is_open(end).unwrap()
                && cal.is_open(end - SignedDuration::from_secs(1)).unwrap();
            if inside && business > SignedDuration::ZERO {
                prop_assert_eq!(due, end);
            }
        }
    }
}
