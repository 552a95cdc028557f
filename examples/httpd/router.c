/* router.c - exact-path routing.
 *
 * The table is filled before the server starts and only read afterwards, so
 * lookups need no lock (the goroutine that starts the accept loop happens
 * before every connection goroutine).
 */
#include <string.h>

#include "httpd.h"

#define ROUTER_MAX 32

static struct {
    const char *path;
    httpd_handler handler;
} router_table[ROUTER_MAX];
static size_t router_n;

bool httpd_route(const char *path, httpd_handler h)
{
    if (router_n == ROUTER_MAX)
        return false;
    router_table[router_n].path = path;
    router_table[router_n].handler = h;
    router_n++;
    return true;
}

static void router_not_found(httpd_request *req, httpd_response *resp)
{
    (void)req;
    httpd_respond_error(resp, 404);
}

httpd_handler httpd_lookup(httpd_request *req)
{
    for (size_t i = 0; i < router_n; i++)
        if (strcmp(router_table[i].path, req->path) == 0) {
            req->route = router_table[i].path;
            return router_table[i].handler;
        }
    req->route = "notfound";
    return router_not_found;
}
