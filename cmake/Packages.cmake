# Packages for Isthmus: wheels built from PyPI sdists by tools/build_package.py,
# one recipe each in packages/<name>/recipe.toml, written to dist/ with the
# lock file dist/pyodide-lock.json. The downloads, the build venv and every
# built wheel are cached in ${ISTHMUS_CACHE}, keyed by their inputs.
#
#   isthmus_add_package(<name>)       # packages/<name>/ -> a wheel in dist/
#   isthmus_package_lockfile()         # after all of them: dist/pyodide-lock.json

set(ISTHMUS_BUILD_REQUIREMENTS "${PROJECT_SOURCE_DIR}/packages/build-requirements.txt")
file(SHA256 "${ISTHMUS_BUILD_REQUIREMENTS}" buildenv_key)
string(SUBSTRING "${buildenv_key}" 0 12 buildenv_key)
set(ISTHMUS_BUILDENV "${ISTHMUS_CACHE}/buildenv-${buildenv_key}")
add_custom_command(OUTPUT "${ISTHMUS_BUILDENV}/.complete"
  COMMAND ${ISTHMUS_BUILD_PYTHON} "${PROJECT_SOURCE_DIR}/tools/make_buildenv.py"
          "${ISTHMUS_BUILD_REQUIREMENTS}" "${ISTHMUS_BUILDENV}"
  COMMENT "Package build tools (pinned, from PyPI) into ${ISTHMUS_BUILDENV} (cached)")
add_custom_target(package_buildenv DEPENDS "${ISTHMUS_BUILDENV}/.complete")

set_property(GLOBAL PROPERTY ISTHMUS_PACKAGE_DIRS "")
function(isthmus_add_package name)
  set(recipe "${PROJECT_SOURCE_DIR}/packages/${name}")
  if(NOT EXISTS "${recipe}/recipe.toml")
    message(FATAL_ERROR "isthmus_add_package(${name}): no ${recipe}/recipe.toml")
  endif()
  file(GLOB recipe_files CONFIGURE_DEPENDS "${recipe}/*")
  set(out "${CMAKE_BINARY_DIR}/packages/${name}")
  add_custom_command(OUTPUT "${out}/lock.json"
    COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs
            "${ISTHMUS_BUILDENV}/bin/python" "${PROJECT_SOURCE_DIR}/tools/build_package.py" "${recipe}"
            --buildenv "${ISTHMUS_BUILDENV}" --requirements "${ISTHMUS_BUILD_REQUIREMENTS}"
            --cpython "${cpython_PREFIX}" --cache "${ISTHMUS_CACHE}" --out "${out}"
    DEPENDS ${recipe_files} "${PROJECT_SOURCE_DIR}/tools/build_package.py"
            "${ISTHMUS_BUILDENV}/.complete" "${cpython_PREFIX}/.complete"
    COMMENT "Package ${name} (cached)")
  set_property(GLOBAL APPEND PROPERTY ISTHMUS_PACKAGE_DIRS "${out}")
endfunction()

function(isthmus_package_lockfile)
  get_property(dirs GLOBAL PROPERTY ISTHMUS_PACKAGE_DIRS)
  set(locks)
  foreach(d ${dirs})
    list(APPEND locks "${d}/lock.json")
  endforeach()
  add_custom_command(OUTPUT "${ISTHMUS_DIST}/pyodide-lock.json"
    COMMAND ${ISTHMUS_BUILD_PYTHON} "${PROJECT_SOURCE_DIR}/tools/make_lockfile.py"
            "${ISTHMUS_DIST}" --version "${PROJECT_VERSION}" --packages ${dirs}
    DEPENDS ${locks} "${PROJECT_SOURCE_DIR}/tools/make_lockfile.py"
    COMMENT "Lock file and wheels into dist/")
  add_custom_target(packages ALL DEPENDS "${ISTHMUS_DIST}/pyodide-lock.json")
  add_dependencies(packages package_buildenv thirdparty)
endfunction()
