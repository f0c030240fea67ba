/* Test-only stand-in for Windows' bcryptprimitives.dll, for running bridger.exe under
 * Debian's Wine 8, which lacks it. Rust's standard library asks it for random bytes
 * (ProcessPrng, Windows 10 and later); this gives them from RtlGenRandom, which Wine has.
 * Built into target/ by tests/wine/run.sh and put beside the binary there; never shipped:
 * every Windows that bridger supports has the real one. */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    return RtlGenRandom(data, (ULONG)len);
}
