@echo off
rem The faultline command on Windows: runs cli\target\faultline.jar, building it first when missing.
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%cli\target\faultline.jar"
if not exist "%JAR%" (
  echo faultline: building %JAR% ... 1>&2
  pushd "%HERE%"
  call mvnw.cmd -q -B -DskipTests -pl cli -am package 1>&2
  if errorlevel 1 ( popd & exit /b 2 )
  popd
)
java %FAULTLINE_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
