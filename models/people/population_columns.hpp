// The base columns of the population (owner "population"), declared in
// population_columns.cpp: the region builders create and fill them through these
// handles (create()), and mechanisms that read them declare their own reads().
#pragma once
#include <cstdint>

#include "govsim/state.hpp"

namespace govsim::model::population {
extern const Owned<float> colFiscalCapacity, colAreaIndex, colTerrainIndex, colNeedIndex;
extern const Owned<uint8_t> colClass;
extern const Owned<uint8_t> colTerrain;
extern const Owned<float> colArea;
extern const Owned<uint32_t> colHouseholds;
extern const Owned<uint32_t> colResidents;
extern const Owned<double> colAssets;
extern const Owned<double> colDebts;
extern const Owned<uint8_t> colCollectiveHousehold;
extern const Owned<uint8_t> colAge;
extern const Owned<uint8_t> colFlags;
extern const Owned<uint8_t> colDigital;
}  // namespace govsim::model::population
