#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "govsim/ledger.hpp"

using namespace govsim;

namespace {
World tree() {  // the tiny tree of the tests, with labels and accounts
  World w = test::tiny_world();
  w.townships().label = {"East", "West"};
  w.units().label = {"A", "B", "C"};
  ledger::open(w);
  return w;
}
}  // namespace

TEST_CASE("money moves between accounts and every account balances", "[ledger]") {
  World w = tree();
  ledger::begin_month(w);
  ledger::receive(w, Level::County, 0, fen(1000.00));
  ledger::transfer(w, Level::County, 0, Level::Township, 1, fen(300.25));
  ledger::transfer(w, Level::Township, 1, Level::Unit, 2, fen(100.10));
  ledger::pay(w, Level::Unit, 2, fen(40.05));
  REQUIRE_NOTHROW(ledger::check(w, Month::of(2020, 1)));
  CHECK(ledger::balance(w, Level::County, 0) == fen(699.75));
  CHECK(ledger::balance(w, Level::Township, 1) == fen(200.15));
  CHECK(ledger::balance(w, Level::Unit, 2) == fen(60.05));
  CHECK(ledger::inflow(w, Level::Unit, 2) == fen(100.10));
  CHECK(ledger::outflow(w, Level::Unit, 2) == fen(40.05));
  ledger::begin_month(w);  // flows reset, balances carry over
  CHECK(ledger::inflow(w, Level::Unit, 2) == 0);
  CHECK(ledger::balance(w, Level::Unit, 2) == fen(60.05));
  CHECK_THROWS(ledger::pay(w, Level::Unit, 0, -1));
  CHECK_THROWS(ledger::receive(w, Level::Grid, 0, 1));
}

namespace {
const ledger::Flow kGrant = ledger::declare_flow("test_grant", "tests: a grant from outside");
const ledger::Flow kPass = ledger::declare_flow("test_pass", "tests: money passed down");
}  // namespace

TEST_CASE("moves keep run totals by flow at each account and a flow is declared once", "[ledger]") {
  World w = tree();
  ledger::begin_month(w);
  ledger::receive(w, Level::County, 0, fen(500), kGrant);
  ledger::transfer(w, Level::County, 0, Level::Township, 1, fen(120.5), kPass);
  ledger::pay(w, Level::Township, 1, fen(20));  // no flow: counted as untagged
  ledger::begin_month(w);                       // run totals survive the month
  ledger::transfer(w, Level::County, 0, Level::Township, 0, fen(30), kPass);
  CHECK(ledger::flow_total(w, Level::County, kGrant, true) == fen(500));
  CHECK(ledger::flow_total(w, Level::County, kPass, false) == fen(150.5));
  CHECK(ledger::flow_total(w, Level::Township, kPass, true) == fen(150.5));
  CHECK(ledger::flow_total(w, Level::Township, kPass, false) == 0);
  CHECK(ledger::flow_total(w, Level::Township, ledger::Flow{}, false) == fen(20));
  CHECK(ledger::flows()[kPass.id].name == "test_pass");
  CHECK(ledger::flows()[0].name == "untagged");
  CHECK_THROWS_AS(ledger::declare_flow("test_pass", "again"), std::logic_error);
}

TEST_CASE("a yuan that appears or vanishes outside a move is an error naming the account", "[ledger]") {
  World w = tree();
  ledger::begin_month(w);
  ledger::receive(w, Level::Township, 0, fen(50));
  w.at(Level::Unit).get<Money>("ledger_balance")[1] += fen(1);  // money from nowhere
  try {
    ledger::check(w, Month::of(2024, 3));
    FAIL("an unbalanced account passed");
  } catch (const LedgerError& e) {
    CHECK_THAT(std::string(e.what()),
               Catch::Contains("2024-03") && Catch::Contains("unit B") && Catch::Contains("went from 0 to 1 yuan"));
  }
}

TEST_CASE("accounts add up when units merge", "[ledger][merge]") {
  World w = tree();
  ledger::begin_month(w);
  ledger::receive(w, Level::Unit, 0, fen(10));
  ledger::receive(w, Level::Unit, 1, fen(5));
  ledger::pay(w, Level::Unit, 1, fen(2));
  w.merge(Level::Unit, {0, 0, 1});
  CHECK(ledger::balance(w, Level::Unit, 0) == fen(13));
  CHECK(ledger::inflow(w, Level::Unit, 0) == fen(15));
  REQUIRE_NOTHROW(ledger::check(w, Month::of(2020, 8)));
}

TEST_CASE("the region account above the counties balances and keeps run totals by flow", "[ledger]") {
  World w = tree();
  ledger::begin_month(w);
  ledger::region_receive(w, fen(900), kGrant);
  ledger::region_transfer(w, Level::County, 0, fen(600), kPass);
  ledger::region_transfer(w, Level::Unit, 2, fen(250), kPass);
  ledger::region_pay(w, fen(10));
  REQUIRE_NOTHROW(ledger::check(w, Month::of(2020, 1)));
  CHECK(ledger::region_balance(w) == fen(40));
  CHECK(ledger::region_inflow(w) == fen(900));
  CHECK(ledger::region_outflow(w) == fen(860));
  CHECK(ledger::region_flow_total(w, kPass, false) == fen(850));
  CHECK(ledger::region_flow_total(w, kGrant, false) == 0);
  CHECK(ledger::flow_total(w, Level::County, kPass, true) == fen(600));
  ledger::begin_month(w);  // flows reset, the balance and the run totals carry over
  CHECK(ledger::region_inflow(w) == 0);
  CHECK(ledger::region_balance(w) == fen(40));
  CHECK(ledger::region_flow_total(w, kGrant, true) == fen(900));
  CHECK_THROWS(ledger::region_pay(w, -1));
}
