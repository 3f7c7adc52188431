# reissue_embed(<out_var> <symbol> <file>): compiles <file> into the binary as a
# NUL-terminated char array reissue::embedded::<symbol>, so the tool never needs
# to find its schemas or default style on disk.
function(reissue_embed out_var symbol input)
  set(output ${CMAKE_CURRENT_BINARY_DIR}/embedded_${symbol}.cpp)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -DSYMBOL=${symbol}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake
    DEPENDS ${input} ${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake
    VERBATIM)
  set(${out_var} ${output} PARENT_SCOPE)
endfunction()
