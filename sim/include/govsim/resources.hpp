// Text files compiled into the binary (scenarios/default.toml and scenarios/data/*.csv).
#pragma once
#include <string>

namespace govsim {
// Throws std::runtime_error for an unknown name.
const std::string& resource_text(const std::string& name);
}  // namespace govsim
