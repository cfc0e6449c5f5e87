#include "cli/state_docs.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

#include "govsim/state.hpp"

namespace govsim {

namespace {
const char* merge_name(Merge m) {
  switch (m) {
    case Merge::First:
      return "first";
    case Merge::Sum:
      return "sum";
    case Merge::Max:
      return "max";
    case Merge::Min:
      return "min";
    case Merge::Concat:
      return "concat";
  }
  return "?";
}
std::string esc(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '|')
      o += "\\|";
    else if (c == '\n')
      o += ' ';
    else
      o += c;
  }
  return o;
}
std::string join(const std::vector<std::string>& v) {
  std::string o;
  for (const auto& s : v) o += (o.empty() ? "" : ", ") + s;
  return o.empty() ? "-" : o;
}
}  // namespace

std::string state_markdown() {
  const StateRegistry& reg = StateRegistry::instance();
  std::vector<const ColumnInfo*> cols;
  for (const auto& c : reg.columns()) cols.push_back(c.get());
  std::sort(cols.begin(), cols.end(), [](const ColumnInfo* a, const ColumnInfo* b) {
    if (a->decl.level != b->decl.level) return a->decl.level < b->decl.level;
    return a->decl.name < b->decl.name;
  });
  std::ostringstream o;
  o << "| column | level | type | default | merge | units | owner | writers | readers | description |\n"
    << "|---|---|---|---|---|---|---|---|---|---|\n";
  for (const ColumnInfo* c : cols) {
    // permitted writers (the owner's declaration); readers: mechanisms that declared a read
    o << "| `" << c->decl.name << "` | " << level_name(c->decl.level) << " | " << esc(c->type) << " | "
      << esc(c->default_text) << " | " << merge_name(c->decl.merge) << " | " << esc(c->decl.units) << " | "
      << c->decl.owner << " | " << join(c->decl.writers) << " | " << join(reg.readers(*c)) << " | "
      << esc(c->decl.description) << " |\n";
  }
  return o.str();
}

}  // namespace govsim
