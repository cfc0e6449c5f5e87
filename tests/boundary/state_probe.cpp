// Must NOT compile: a read handle gives const access only (ctest
// boundary_state_read_handles_are_const expects this file to fail to compile).
#include "govsim/state.hpp"

void probe(govsim::World& w) {
  static const auto trust = govsim::reads<float>(govsim::Level::Resident, "trust", "ladder");
  trust.read(w)[0] = 1.0f;  // writing a column the mechanism only reads
}
