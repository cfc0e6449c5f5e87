#include "govsim/ledger.hpp"

#include <memory>
#include <sstream>

namespace govsim::ledger {

namespace {
constexpr Level kLevels[] = {Level::County, Level::Township, Level::Unit};

void check_level(Level l) {
  if (l != Level::County && l != Level::Township && l != Level::Unit)
    throw std::logic_error(std::string("no accounts at level ") + level_name(l));
}
void check_amount(Money a) {
  if (a < 0) throw std::logic_error("ledger moves must be non-negative (got " + std::to_string(a) + " fen)");
}
std::vector<FlowInfo>& flow_registry() {
  static std::vector<FlowInfo> f{{"untagged", "moves declared without a flow"}};
  return f;
}
// The column names of each flow, in and out (built once per flow: a move looks them up, it does not build them).
std::vector<std::string>& flow_columns(bool in) {
  static std::vector<std::string> c[2] = {{"ledger_flow_out_untagged"}, {"ledger_flow_in_untagged"}};
  return c[in ? 1 : 0];
}
const std::string& flow_column(Flow f, bool in) { return flow_columns(in).at(f.id); }
}  // namespace

// The columns of one level's accounts.
struct LevelAccounts {
  std::vector<Money>*balance = nullptr, *in = nullptr, *out = nullptr;
  std::vector<std::vector<Money>*> flow_in, flow_out;  // by flow id
};
// The region's account (a plain record: it is one account, not a table row).
struct RegionAccount {
  Money balance = 0, start = 0, in = 0, out = 0;
  std::vector<Money> flow_in, flow_out;  // run totals by flow id (grown on first use)
  Money& flow(Flow f, bool is_in) {
    auto& v = is_in ? flow_in : flow_out;
    if (f.id >= v.size()) v.resize(f.id + 1, 0);
    return v[f.id];
  }
};
struct Accounts {
  LevelAccounts level[3];  // county, township, unit
  RegionAccount region;
};

namespace {
// The accounts of level l (the cache ledger::open built; a world whose ledger opened before a flow was declared
// looks that flow's column up by name).
LevelAccounts& accounts(World& w, Level l) {
  check_level(l);
  if (!w.ledger_accounts) throw std::logic_error("ledger move before ledger::open");
  return w.ledger_accounts->level[static_cast<int>(l)];
}
std::vector<Money>& flow_of(World& w, LevelAccounts& a, Level l, Flow f, bool in) {
  auto& v = in ? a.flow_in : a.flow_out;
  if (f.id < v.size()) return *v[f.id];
  return w.at(l).get<Money>(flow_column(f, in));
}
RegionAccount& region(World& w) {
  if (!w.ledger_accounts) throw std::logic_error("ledger move before ledger::open");
  return w.ledger_accounts->region;
}
const RegionAccount& region(const World& w) {
  static const RegionAccount none;
  return w.ledger_accounts ? w.ledger_accounts->region : none;
}
}  // namespace

Flow declare_flow(const std::string& name, const std::string& description) {
  auto& r = flow_registry();
  for (size_t i = 0; i < r.size(); ++i)
    if (r[i].name == name) throw std::logic_error("ledger flow declared twice: " + name);
  r.push_back({name, description});
  flow_columns(true).push_back("ledger_flow_in_" + name);
  flow_columns(false).push_back("ledger_flow_out_" + name);
  return Flow{static_cast<uint16_t>(r.size() - 1)};
}
const std::vector<FlowInfo>& flows() { return flow_registry(); }

Money flow_total(const World& w, Level l, Flow f, bool in) {
  Money s = 0;
  for (Money m : w.at(l).get<Money>(flow_column(f, in))) s += m;
  return s;
}

void open(World& w) {
  for (Level l : kLevels) {
    Table& t = w.at(l);
    for (const char* c : {"ledger_balance", "ledger_start", "ledger_in", "ledger_out"}) t.add<Money>(c, 0, Merge::Sum);
    for (size_t f = 0; f < flow_registry().size(); ++f)
      for (bool in : {true, false}) t.add<Money>(flow_column(Flow{static_cast<uint16_t>(f)}, in), 0, Merge::Sum);
  }
  auto acc = std::make_shared<Accounts>();
  for (Level l : kLevels) {
    Table& t = w.at(l);
    LevelAccounts& a = acc->level[static_cast<int>(l)];
    a.balance = &t.get<Money>("ledger_balance");
    a.in = &t.get<Money>("ledger_in");
    a.out = &t.get<Money>("ledger_out");
    for (size_t f = 0; f < flow_registry().size(); ++f) {
      a.flow_in.push_back(&t.get<Money>(flow_column(Flow{static_cast<uint16_t>(f)}, true)));
      a.flow_out.push_back(&t.get<Money>(flow_column(Flow{static_cast<uint16_t>(f)}, false)));
    }
  }
  w.ledger_accounts = std::move(acc);
}

bool is_open(const World& w) { return w.at(Level::County).has("ledger_balance"); }

void begin_month(World& w) {
  for (Level l : kLevels) {
    Table& t = w.at(l);
    t.get<Money>("ledger_start") = t.get<Money>("ledger_balance");
    std::fill(t.get<Money>("ledger_in").begin(), t.get<Money>("ledger_in").end(), 0);
    std::fill(t.get<Money>("ledger_out").begin(), t.get<Money>("ledger_out").end(), 0);
  }
  if (w.ledger_accounts) {
    RegionAccount& r = w.ledger_accounts->region;
    r.start = r.balance;
    r.in = r.out = 0;
  }
}

void check(const World& w, Month m) {
  for (Level l : kLevels) {
    const Table& t = w.at(l);
    const auto &b = t.get<Money>("ledger_balance"), &s = t.get<Money>("ledger_start"), &in = t.get<Money>("ledger_in"),
               &out = t.get<Money>("ledger_out");
    Money tb = 0, ts = 0, ti = 0, to = 0;
    for (uint32_t i = 0; i < t.size(); ++i) {
      if (b[i] - s[i] != in[i] - out[i]) {
        std::ostringstream o;
        o << "ledger does not balance in " << m.str() << ": account of " << level_name(l) << " "
          << (i < t.label.size() ? t.label[i] : std::to_string(i)) << " (index " << i << ") went from " << yuan(s[i])
          << " to " << yuan(b[i]) << " yuan, but inflows " << yuan(in[i]) << " - outflows " << yuan(out[i]) << " = "
          << yuan(in[i] - out[i]);
        throw LedgerError(o.str());
      }
      tb += b[i], ts += s[i], ti += in[i], to += out[i];
    }
    if (tb - ts != ti - to)
      throw LedgerError(std::string("ledger does not balance in ") + m.str() + " at level " + level_name(l));
  }
  const RegionAccount& r = region(w);
  if (r.balance - r.start != r.in - r.out) {
    std::ostringstream o;
    o << "ledger does not balance in " << m.str() << ": the region's account went from " << yuan(r.start) << " to "
      << yuan(r.balance) << " yuan, but inflows " << yuan(r.in) << " - outflows " << yuan(r.out) << " = "
      << yuan(r.in - r.out);
    throw LedgerError(o.str());
  }
}

Money balance(const World& w, Level l, uint32_t i) { return w.at(l).get<Money>("ledger_balance")[i]; }
Money inflow(const World& w, Level l, uint32_t i) { return w.at(l).get<Money>("ledger_in")[i]; }
Money outflow(const World& w, Level l, uint32_t i) { return w.at(l).get<Money>("ledger_out")[i]; }

void receive(World& w, Level l, uint32_t i, Money a, Flow f) {
  check_amount(a);
  LevelAccounts& acc = accounts(w, l);
  (*acc.balance)[i] += a;
  (*acc.in)[i] += a;
  flow_of(w, acc, l, f, true)[i] += a;
}

void pay(World& w, Level l, uint32_t i, Money a, Flow f) {
  check_amount(a);
  LevelAccounts& acc = accounts(w, l);
  (*acc.balance)[i] -= a;
  (*acc.out)[i] += a;
  flow_of(w, acc, l, f, false)[i] += a;
}

void transfer(World& w, Level from, uint32_t i, Level to, uint32_t j, Money a, Flow f) {
  pay(w, from, i, a, f);
  receive(w, to, j, a, f);
}

Money region_balance(const World& w) { return region(w).balance; }
Money region_inflow(const World& w) { return region(w).in; }
Money region_outflow(const World& w) { return region(w).out; }
Money region_flow_total(const World& w, Flow f, bool in) {
  const auto& v = in ? region(w).flow_in : region(w).flow_out;
  return f.id < v.size() ? v[f.id] : 0;
}
void region_receive(World& w, Money a, Flow f) {
  check_amount(a);
  RegionAccount& r = region(w);
  r.balance += a;
  r.in += a;
  r.flow(f, true) += a;
}
void region_pay(World& w, Money a, Flow f) {
  check_amount(a);
  RegionAccount& r = region(w);
  r.balance -= a;
  r.out += a;
  r.flow(f, false) += a;
}
void region_transfer(World& w, Level to, uint32_t j, Money a, Flow f) {
  region_pay(w, a, f);
  receive(w, to, j, a, f);
}

}  // namespace govsim::ledger
