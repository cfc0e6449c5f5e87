// The region data tables are read strictly (models/regions/tables.hpp, issue 19): a
// row with too few or too many cells, a cell that is not a number, a negative or
// absurd count, or figures that contradict each other is an error naming the file,
// the line and the column -- never an out-of-bounds read or a negative count cast
// to unsigned.
#include <catch2/catch.hpp>

#include <filesystem>

#include "config/files.hpp"
#include "govsim/resources.hpp"
#include "regions/tables.hpp"

using namespace govsim;
using namespace govsim::model;

namespace {
std::string data_file(const char* name) {
  return read_file(std::filesystem::path(GOVSIM_SOURCE_DIR) / "tests/data/robustness" / name).value();
}
// The error `read` throws for `text`, or "no error".
template <class F>
std::string error_of(F read, const std::string& text) {
  try {
    read(text, "t.csv");
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}
const std::string kCountyHeader =
    "id,county,prefecture,population,urban_share,family_households,age_0_14,age_60p,age_65p,floating,area_km2,"
    "plain,hill,mountain,sparse,townships_before,villages_before,communities_before,fiscal_capacity\n";
const std::string kCountyRow =
    "7,Xindu,Chengdu,1000000,0.6,350000,0.15,0.2,0.14,200000,500,0.5,0.3,0.2,0,20,150,60,1.5";
std::string county_with(const std::string& from, const std::string& to) {
  std::string row = kCountyRow;
  row.replace(row.find(from), from.size(), to);
  return kCountyHeader + row + "\n";
}
const std::string kTownshipHeader =
    "township,kind,class,terrain,area_km2,urban_communities,town_communities,villages,hh_urban,hh_town,hh_village\n";
}  // namespace

TEST_CASE("the shipped region tables read strictly", "[regions][robustness]") {
  CHECK(read_default_county_table(resource_text("default-county.csv"), "default-county.csv") > 10);
  CHECK(read_sichuan_counties_table(resource_text("sichuan-counties.csv"), "sichuan-counties.csv") == 183);
}

TEST_CASE("region tables with too few columns are located errors", "[regions][robustness]") {
  // the reproducers of issue 19: a one-column default county and a three-column province table
  CHECK(error_of(read_default_county_table, data_file("csv_default_1col.csv")) ==
        "t.csv:1: no column named 'kind' in the header (1 columns: township)");
  CHECK(error_of(read_sichuan_counties_table, data_file("csv_sichuan_3col.csv")) ==
        "t.csv:1: no column named 'population' in the header (3 columns: id, county, prefecture)");
  // a row shorter or longer than its header
  CHECK(error_of(read_sichuan_counties_table, kCountyHeader + "7,Xindu,Chengdu\n") ==
        "t.csv:2: expected 19 columns, found 3");
  CHECK(error_of(read_default_county_table, kTownshipHeader + "A,street,1,plain,12,8,0,0,3100,0,0,9\n") ==
        "t.csv:2: expected 11 columns, found 12");
  CHECK(error_of(read_default_county_table, "township,township\nA,B\n") ==
        "t.csv:1: the column 'township' appears twice in the header");
}

TEST_CASE("region tables refuse numbers that are not numbers or out of range", "[regions][robustness]") {
  CHECK(error_of(read_sichuan_counties_table, county_with(",20,150,", ",-3,150,")) ==
        "t.csv:2: column townships_before: -3 is outside the allowed range [1, 10000]");
  CHECK(error_of(read_sichuan_counties_table, county_with(",20,150,", ",20abc,150,")) ==
        "t.csv:2: column townships_before: '20abc' is not a whole number");
  CHECK(error_of(read_sichuan_counties_table, county_with("7,", "-1,")) ==
        "t.csv:2: column id: -1 is outside the allowed range [0, 999999]");
  CHECK(error_of(read_sichuan_counties_table, county_with("0.6,", "1.4,")) ==
        "t.csv:2: column urban_share: 1.4 is outside the allowed range [0, 1]");
  CHECK(error_of(read_sichuan_counties_table, county_with("0.6,", "nan,")) ==
        "t.csv:2: column urban_share: 'nan' is not a number");
  CHECK(error_of(read_sichuan_counties_table, county_with("0.6,", " 0.6,")) ==
        "t.csv:2: column urban_share: ' 0.6' is not a number");
  CHECK(error_of(read_sichuan_counties_table, county_with("0.6,", "0.6x,")) ==
        "t.csv:2: column urban_share: '0.6x' is not a number");
  CHECK(error_of(read_sichuan_counties_table, county_with("0.6,", "1e999,")) ==
        "t.csv:2: column urban_share: '1e999' is not a number");
  // figures that contradict each other: more households than residents, 65+ more than 60+, terrain not summing to 1
  CHECK(error_of(read_sichuan_counties_table, county_with("350000", "3500000")) ==
        "t.csv:2: column family_households: 3500000 is outside the allowed range [1, 1e+06]");
  CHECK(error_of(read_sichuan_counties_table, county_with("0.2,0.14", "0.2,0.24")) ==
        "t.csv:2: column age_65p: 0.24 is outside the allowed range [0, 0.2]");
  CHECK(error_of(read_sichuan_counties_table, county_with("0.5,0.3,0.2,0", "0.5,0.3,0.3,0"))
            .find("t.csv:2: column sparse: plain + hill + mountain + sparse is 1.1") == 0);
  CHECK(error_of(read_default_county_table, kTownshipHeader + "A,street,1,plain,12,-8,0,0,3100,0,0\n") ==
        "t.csv:2: column urban_communities: -8 is outside the allowed range [0, 1000]");
  CHECK(error_of(read_default_county_table, kTownshipHeader + "A,street,1,lava,12,8,0,0,3100,0,0\n") ==
        "t.csv:2: column terrain: 'lava' is not one of plain, hill, mountain, sparse");
  CHECK(error_of(read_default_county_table, kTownshipHeader + "A,street,1,plain,12,0,0,0,3100,0,0\n")
            .find("t.csv:2: column villages: a township needs at least one") == 0);
  CHECK(error_of(read_default_county_table, kTownshipHeader) ==
        "t.csv: no townships (a header and at least one row are needed)");
  CHECK(error_of(read_default_county_table, kTownshipHeader + "A,street,1,plain,12,8,0,0,3100,0,0\n") == "no error");
  CHECK(error_of(read_sichuan_counties_table, kCountyHeader + kCountyRow + "\n") == "no error");
}
