# Test tiers (README "Tests"): every ctest test is labelled `fast` or `slow` and has a TIMEOUT.
#   fast: under 30 s on the 2-core development machine; TIMEOUT 300 s (10 x 30 s: a loaded or slower
#         CI machine must not turn a pass into a timeout).
#   slow: 30 s or more; TIMEOUT 6 x its measured time, and a COST so that ctest -j starts it first.
# `ctest -L fast` is the quick tier while working; CI runs both. A test that outgrows its tier fails
# on its TIMEOUT: move it (or speed it up). catch2_every_test_case_registered_once checks that every
# test has a TIMEOUT and exactly one tier label.
set(GOVSIM_FAST_TIMEOUT 300)
# Slow tests and their measured seconds (ctest -j2 on the shared 2-core machine, 2026-12-01).
set(GOVSIM_SLOW_TESTS
  "python_output" 230
  "library_behaviour" 340
  "notebooks_execute" 135
  "the ledger balances over full runs of every shipped scenario" 53
  "a fiscal squeeze raises petitions beyond the paired interval" 31
  "grid workers halved lower the dispute resolution and screening rates beyond the paired interval" 60
  "escalation calibrated to the 522 cases of 2018-2020" 40
  "no document target is met by setting its lever" 40
  "crash_kill_batch" 61
  "crash_journal_damage" 51
  "the library judges packages with intervals and checks stress tests and its stored file" 90
  "cli_hostile_input_is_refused_cleanly" 106)

# The tests of this file's add_test calls get their tier now; the Catch2 tests exist only once
# catch_discover_tests has listed the binary, so theirs is set by a CTest include file run after it.
get_property(govsim_plain_tests DIRECTORY PROPERTY TESTS)
set_tests_properties(${govsim_plain_tests} PROPERTIES TIMEOUT ${GOVSIM_FAST_TIMEOUT} LABELS fast)
# (There LABELS set twice add up, so the fast loop skips the slow tests.)
set(govsim_catch_slow "")
set(govsim_catch_tiers "")
list(LENGTH GOVSIM_SLOW_TESTS govsim_n)
math(EXPR govsim_last "${govsim_n} - 1")
foreach(i RANGE 0 ${govsim_last} 2)
  math(EXPR j "${i} + 1")
  list(GET GOVSIM_SLOW_TESTS ${i} name)
  list(GET GOVSIM_SLOW_TESTS ${j} seconds)
  math(EXPR timeout "6 * ${seconds}")
  if(name IN_LIST govsim_plain_tests)
    set_tests_properties(${name} PROPERTIES TIMEOUT ${timeout} LABELS slow COST ${seconds})
  else()
    string(APPEND govsim_catch_slow " [==[${name}]==]")
    string(APPEND govsim_catch_tiers "list(FIND govsim_tests_TESTS [==[${name}]==] found)
if(found EQUAL -1)
  message(WARNING \"tests/tiers.cmake: no Catch2 test case [==[${name}]==]\")
else()
  set_tests_properties([==[${name}]==] PROPERTIES TIMEOUT ${timeout} LABELS slow COST ${seconds})
endif()\n")
  endif()
endforeach()
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/catch_tiers.cmake "set(govsim_slow${govsim_catch_slow})
foreach(t IN LISTS govsim_tests_TESTS)
  list(FIND govsim_slow \"\${t}\" slow)
  if(slow EQUAL -1)
    set_tests_properties(\"\${t}\" PROPERTIES TIMEOUT ${GOVSIM_FAST_TIMEOUT} LABELS fast)
  endif()
endforeach()
${govsim_catch_tiers}")
set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${CMAKE_CURRENT_BINARY_DIR}/catch_tiers.cmake)
