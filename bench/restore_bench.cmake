add_executable(restore_bench ${CMAKE_CURRENT_SOURCE_DIR}/restore_bench.cc)
target_link_libraries(restore_bench PRIVATE vanban::restore)
target_compile_definitions(restore_bench PRIVATE VANBAN_SOURCE_DIR_STR="${PROJECT_SOURCE_DIR}")
vanban_warnings(restore_bench)
