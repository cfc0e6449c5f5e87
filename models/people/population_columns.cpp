// The base columns of the population: the region builders (models/regions) fill
// them when they synthesise the tree; the engine creates any a builder leaves out
// with the default below. Owner "population" (the region builder); the mechanisms
// that legitimately change them are listed as writers.
#include "people/population_columns.hpp"

#include "govsim/ledger.hpp"

namespace govsim::model::population {

using L = Level;
const Owned<float> colFiscalCapacity = declare_column<float>(
    {"fiscal_capacity", L::County, "ratio to the provincial mean",
     "Own revenue per resident relative to the provincial mean (sichuan-counties.csv; 1 where a builder has none).",
     "population", Merge::First},
    1.0f);
// The province's formula indices of a county (province.cpp): per resident against the province's mean per
// resident, from sichuan-counties.csv; 1 (an average county) where a builder has none.
const Owned<float> colAreaIndex = declare_column<float>(
    {"formula_area_index", L::County, "ratio to the provincial mean",
     "Area per resident against the province's (sichuan-counties.csv; 1 where a builder has none).", "population",
     Merge::First},
    1.0f);
const Owned<float> colTerrainIndex = declare_column<float>(
    {"formula_terrain_index", L::County, "ratio to the provincial mean",
     "Terrain score (plain 1, hill 2, mountain 3, sparse 4, by the county's terrain shares) against the province's "
     "residents-weighted mean (1 where a builder has none).",
     "population", Merge::First},
    1.0f);
const Owned<float> colNeedIndex = declare_column<float>(
    {"formula_need_index", L::County, "ratio to the provincial mean",
     "Fiscal need, 1 / fiscal_capacity, against the province's residents-weighted mean (1 where a builder has none).",
     "population", Merge::First},
    1.0f);
const Owned<uint8_t> colClass = declare_column<uint8_t>(
    {"class", L::Township, "1..3", "Township fiscal class (1 rich .. 3 poor) from the region data.", "population",
     Merge::First});
const Owned<uint8_t> colTerrain = declare_column<uint8_t>(
    {"terrain", L::Unit, "code", "Terrain of the village/community (plain, hill, mountain, ...).", "population",
     Merge::First});
const Owned<float> colArea =
    declare_column<float>({"area_km2", L::Unit, "km2", "Land area of the village/community; merged villages add up.",
                           "population", Merge::Sum});
const Owned<uint32_t> colHouseholds =
    declare_column<uint32_t>({"households",
                              L::Unit,
                              "households",
                              "Households in the village/community (recounted by demography).",
                              "population",
                              Merge::Sum,
                              {"demography"}});
const Owned<uint32_t> colResidents =
    declare_column<uint32_t>({"residents",
                              L::Unit,
                              "residents",
                              "Residents of the village/community (recounted by demography).",
                              "population",
                              Merge::Sum,
                              {"demography"}});
const Owned<double> colAssets =
    declare_column<double>({"collective_assets",
                            L::Unit,
                            "yuan",
                            "Village collective assets, carried over exactly when villages merge.",
                            "population",
                            Merge::Sum,
                            {"province"}});
const Owned<double> colDebts = declare_column<double>(
    {"collective_debts", L::Unit, "yuan", "Village collective debts, carried over exactly when villages merge.",
     "population", Merge::Sum});
const Owned<uint8_t> colCollectiveHousehold = declare_column<uint8_t>(
    {"collective", L::Household, "0/1", "A collective household (dormitory) in the regional builders.", "population",
     Merge::First});
const Owned<uint8_t> colAge = declare_column<uint8_t>({"age",
                                                       L::Resident,
                                                       "years",
                                                       "Age of the resident (aged each January by demography).",
                                                       "population",
                                                       Merge::First,
                                                       {"demography"}});
const Owned<uint8_t> colFlags = declare_column<uint8_t>(
    {"flags",
     L::Resident,
     "bit set",
     "New citizen, party member, left-behind child, empty-nest elder, disabled, low income (backbone/cases.hpp).",
     "population",
     Merge::First,
     {"demography", "participation"}});
const Owned<uint8_t> colDigital = declare_column<uint8_t>({"digital",
                                                           L::Resident,
                                                           "0..255 ~ 0..1",
                                                           "Digital literacy of the resident.",
                                                           "population",
                                                           Merge::First,
                                                           {"digital"}});

}  // namespace govsim::model::population
