// govsim export FILE.h5 --csv DIR: a run or batch file as tidy CSV with a data dictionary.
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "cli/common.hpp"
#include "output/export_csv.hpp"

namespace govsim::cli {

int cmd_export(const std::vector<std::string>& args) {
  po::options_description o("options");
  o.add_options()("help,h", "show this help")("file", po::value<std::string>(), "result file (govsim run or batch)")(
      "csv", po::value<std::string>(), "directory to write (absent or empty; written whole or not at all)");
  po::positional_options_description p;
  p.add("file", 1);
  auto vm = parse(args, o, p,
                  "usage: govsim export FILE.h5 --csv DIR\n\nWrites a run or batch file as tidy CSV: region.csv "
                  "(one row per [run,] replicate and month), by_unit.csv and by_county.csv (per unit or county), "
                  "design.csv (batch files: each run's factor values), one column per indicator, and "
                  "dictionary.csv (name, file, dims, units, units_label, long_name, long_name_zh, description).");
  if (!vm.count("file")) throw ScenarioError("missing FILE.h5 (a result file of govsim run or govsim batch)");
  if (!vm.count("csv")) throw ScenarioError("missing --csv DIR (the directory to write the CSV files to)");
  const std::string dir = vm["csv"].as<std::string>();
  const std::string file = vm["file"].as<std::string>();
  // export_csv checks what it reads; the child process bounds what libhdf5 does with a damaged file
  // (30 s and 2 s per MiB of file) and its partial directory is removed if it dies
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(file, ec);
  const unsigned limit = 30 + static_cast<unsigned>(ec ? 0 : std::min<std::uintmax_t>(bytes >> 19, 1u << 20));
  run_isolated(
      file, limit,
      [&] {
        const ExportSummary sum = export_csv(file, dir);
        std::printf("wrote %s:", std::filesystem::absolute(dir).lexically_normal().c_str());
        for (const auto& f : sum.files) std::printf(" %s", f.c_str());
        std::printf(" (%zu indicator columns)\n", sum.columns);
      },
      [&](long pid) {
        std::filesystem::path out = std::filesystem::path(dir).lexically_normal();
        if (out.filename().empty()) out = out.parent_path();
        std::filesystem::remove_all(out.string() + ".partial-" + std::to_string(pid), ec);
      });
  return 0;
}

}  // namespace govsim::cli
