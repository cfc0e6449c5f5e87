// The region data tables (scenarios/data/*.csv, compiled in) read on their own, for
// the tests and the fuzz harness (tests/fuzz): the same strict readers the region
// builders use. Each returns the number of rows read, or throws std::runtime_error
// "FILE:LINE: column NAME: what is wrong" (or "FILE:LINE: expected N columns, found M").
#pragma once
#include <cstddef>
#include <string>

namespace govsim::model {

// Rows shaped like default-county.csv (one township a row).
size_t read_default_county_table(const std::string& text, const std::string& file);
// Rows shaped like sichuan-counties.csv (one county a row).
size_t read_sichuan_counties_table(const std::string& text, const std::string& file);

}  // namespace govsim::model
