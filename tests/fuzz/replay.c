/* SPDX-License-Identifier: MIT */
/*
 * replay.c - main() for a libFuzzer target without libFuzzer (STYLE.md
 * C15): every file of the directories (or files) named on the command
 * line is passed once to LLVMFuzzerTestOneInput, copied into a heap block
 * of exactly its size so that ASan reports any read past it. Used by
 * "make fuzz-replay" (and so by "make test") to replay the corpora as
 * regression tests: a crash or sanitizer report fails the run.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int one(const char *path, unsigned long *count)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    uint8_t *buf;
    size_t n;

    if (!f || fstat(fileno(f), &st) != 0) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        if (f)
            fclose(f);
        return 1;
    }
    n = (size_t)st.st_size;
    buf = malloc(n ? n : 1);
    if (!buf || fread(buf, 1, n, f) != n) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        fclose(f);
        free(buf);
        return 1;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    (*count)++;
    return 0;
}

int main(int argc, char **argv)
{
    unsigned long count = 0;
    int a, bad = 0;

    for (a = 1; a < argc; a++) {
        struct stat st;
        DIR *d;
        struct dirent *e;

        if (stat(argv[a], &st) != 0) {
            fprintf(stderr, "replay: no such file or directory: %s\n",
                    argv[a]);
            bad = 1;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            bad |= one(argv[a], &count);
            continue;
        }
        d = opendir(argv[a]);
        if (!d) {
            bad = 1;
            continue;
        }
        while ((e = readdir(d)) != NULL) {
            char path[4096];

            if (e->d_name[0] == '.')
                continue;
            snprintf(path, sizeof path, "%s/%s", argv[a], e->d_name);
            bad |= one(path, &count);
        }
        closedir(d);
    }
    printf("replay: %lu inputs, no crash\n", count);
    return bad;
}
