#include <catch2/catch.hpp>

#include "govsim/calendar.hpp"

using govsim::Month;

TEST_CASE("months parse/print/count", "[calendar]") {
  CHECK(Month::parse("2020")->str() == "2020-01");
  CHECK(Month::parse("2022-06")->str() == "2022-06");
  CHECK_FALSE(Month::parse("2022-13"));
  CHECK_FALSE(Month::parse("2022-6"));
  CHECK_FALSE(Month::parse("20x2"));
  CHECK_FALSE(Month::parse("1800"));
  const Month a = Month::of(2020, 1), b = Month::of(2035, 12);
  CHECK(b - a + 1 == 192);
  CHECK((a + 13).str() == "2021-02");
  CHECK(a.year() == 2020);
  CHECK((a + 11).month() == 12);
}

TEST_CASE("month dates are days since 1970-01-01", "[calendar]") {
  CHECK(Month::of(1970, 1).days_since_epoch() == 0);
  CHECK(Month::of(1970, 2).days_since_epoch() == 31);
  CHECK(Month::of(2020, 1).days_since_epoch() == 18262);
  CHECK(Month::of(2020, 3).days_since_epoch() == 18262 + 31 + 29);  // leap year
  CHECK(Month::of(2000, 3).days_since_epoch() == 11017);
}
