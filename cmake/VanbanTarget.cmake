# vanban_warnings(target): the warnings we hold our own code to.
function(vanban_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
    -Wnon-virtual-dtor -Wimplicit-fallthrough -Wno-missing-field-initializers)
endfunction()

# vanban_library(NAME SOURCES a.cc b.cc DEPS x y)
# A stage library vanban_NAME with alias vanban::NAME; headers are included
# as "stage/file.h" from src/.
function(vanban_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(vanban_${name} STATIC ${ARG_SOURCES})
  add_library(vanban::${name} ALIAS vanban_${name})
  target_include_directories(vanban_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(vanban_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  vanban_warnings(vanban_${name})
endfunction()

# vanban_test(NAME SOURCES a_test.cc DEPS vanban::x [LABELS slow])
# A GoogleTest executable registered with CTest. Tests find the project's data
# through testing/paths.h (the source tree, the build tree, and the seeds in
# ../shared/seeds, which may be absent).
function(vanban_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} vanban::testing GTest::gtest GTest::gtest_main)
  vanban_warnings(${name})
  if(ARG_LABELS)
    gtest_discover_tests(${name} PROPERTIES LABELS "${ARG_LABELS}" DISCOVERY_TIMEOUT 60)
  else()
    gtest_discover_tests(${name} PROPERTIES LABELS fast DISCOVERY_TIMEOUT 60)
  endif()
endfunction()
