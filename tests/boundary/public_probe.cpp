// Must compile: the same include paths as models/ reach the whole public interface
// (the positive control of boundary_models_cannot_include_internals).
#include "backbone/cases.hpp"
#include "govsim/calendar.hpp"
#include "govsim/csv.hpp"
#include "govsim/ledger.hpp"
#include "govsim/mechanism.hpp"
#include "govsim/params.hpp"
#include "govsim/report.hpp"
#include "govsim/resources.hpp"
#include "govsim/rng.hpp"
#include "govsim/world.hpp"
#include "policy/targets.hpp"
