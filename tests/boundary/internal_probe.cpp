// Must NOT compile: a file in models/ that includes an engine internal. Built with
// exactly the include paths of models/ (the engine's public interface, sim/include,
// and models/ itself) by the ctest `boundary_models_cannot_include_internals`,
// which passes only when the compiler reports the header as not found.
#include "backbone/cases.hpp"
#include "core/engine.hpp"
