/* Test-only: asks the Windows it runs on (here, Wine) whether a Job Object's limits are
 * enforced, as bridger's workers rely on (src/windows/job.rs). It puts itself in a job
 * with a per-process memory limit of 64 MB and a per-process CPU (user) time limit of
 * one second, then
 *   - commits 256 MB: refused when the memory limit is enforced;
 *   - spins until it has used 3 seconds of CPU: ended by Windows on the way when the CPU
 *     limit is enforced.
 * Prints "memory enforced" or "memory ignored", then "cpu ignored" if it spun through
 * (or "cpu unknown" if the machine gave it too little CPU in 60 seconds to tell); a process
 * ended by the CPU limit prints nothing more and exits with a nonzero code. Built by tests/wine/run.sh into target/; never shipped. */
#include <windows.h>
#include <stdio.h>

int main(void) {
    HANDLE job = CreateJobObjectW(NULL, NULL);
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION info;
    ZeroMemory(&info, sizeof info);
    info.BasicLimitInformation.LimitFlags =
        JOB_OBJECT_LIMIT_PROCESS_MEMORY | JOB_OBJECT_LIMIT_PROCESS_TIME;
    info.BasicLimitInformation.PerProcessUserTimeLimit.QuadPart = 10000000; /* 1 s */
    info.ProcessMemoryLimit = 64u << 20;
    if (!job || !SetInformationJobObject(job, JobObjectExtendedLimitInformation, &info, sizeof info)
        || !AssignProcessToJobObject(job, GetCurrentProcess())) {
        printf("no job\n");
        return 3;
    }
    void *big = VirtualAlloc(NULL, (SIZE_T)256 << 20, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    printf("memory %s\n", big ? "ignored" : "enforced");
    fflush(stdout);
    volatile unsigned long long n = 0;
    DWORD start = GetTickCount();
    while (GetTickCount() - start < 60000) {
        for (int i = 0; i < 1000000; i++) {
            n++;
        }
        FILETIME created, exited, kernel, user;
        GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user);
        ULONGLONG used = ((ULONGLONG)user.dwHighDateTime << 32) | user.dwLowDateTime;
        if (used >= 30000000) { /* 3 s */
            printf("cpu ignored\n");
            return 0;
        }
    }
    printf("cpu unknown\n");
    return 0;
}
