/*
 * driver.c - replay a libFuzzer target's corpus without libFuzzer.
 *
 * Linked with a fuzz target in place of -fsanitize=fuzzer, so that every
 * build (gcc included) runs each target over its seed corpus as an ordinary
 * test. Arguments are files or directories (read non-recursively, in sorted
 * order). Fails if no input was found, so an empty corpus cannot pass.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    long len;
    size_t got;
    if (f == NULL) {
        perror(path);
        return -1;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return -1;
    }
    /* An exact-size heap copy, so ASan catches a read one past the input. */
    buf = malloc(len > 0 ? (size_t)len : 1);
    if (buf == NULL) {
        fclose(f);
        return -1;
    }
    got = fread(buf, 1, (size_t)len, f);
    fclose(f);
    LLVMFuzzerTestOneInput(buf, got);
    free(buf);
    return 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    long count = 0;
    int i;
    for (i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            return 1;
        }
        if (S_ISDIR(st.st_mode)) {
            DIR *d = opendir(argv[i]);
            struct dirent *e;
            char **names = NULL;
            size_t n = 0, cap = 0, k;
            if (d == NULL)
                return 1;
            while ((e = readdir(d)) != NULL) {
                if (e->d_name[0] == '.')
                    continue;
                if (n == cap) {
                    cap = cap ? cap * 2 : 64;
                    names = realloc(names, cap * sizeof *names);
                    if (names == NULL)
                        return 1;
                }
                names[n] = malloc(strlen(argv[i]) + strlen(e->d_name) + 2);
                if (names[n] == NULL)
                    return 1;
                sprintf(names[n], "%s/%s", argv[i], e->d_name);
                n++;
            }
            closedir(d);
            if (n > 0)
                qsort(names, n, sizeof *names, cmp);
            for (k = 0; k < n; k++) {
                if (run_file(names[k]) == 0)
                    count++;
                free(names[k]);
            }
            free(names);
        } else if (run_file(argv[i]) == 0) {
            count++;
        }
    }
    printf("replayed %ld inputs\n", count);
    return count > 0 ? 0 : 1;
}
