// The Go twin of examples/httpd for bench/httpd/run.sh: the same routes with
// the same bodies (/hello, /json from a cache under a sync.RWMutex,
// /json/bump, /slow), the same middlewares (pprof labels method/route/req
// per request, a context deadline per request), on net/http.  Prints the
// bound address on stdout, as gosan-httpd does.
package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type item struct {
	id    int
	name  string
	price int64
}

var cache struct {
	mu      sync.RWMutex
	version uint64
	items   [16]item
}

var requestIDs uint64

func hello(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain")
	w.Write([]byte("hello"))
}

func jsonHandler(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	cache.mu.RLock()
	fmt.Fprintf(&b, "{\"version\":%d,\"items\":[", cache.version)
	for i, it := range cache.items {
		sep := ""
		if i > 0 {
			sep = ","
		}
		fmt.Fprintf(&b, "%s{\"id\":%d,\"name\":\"%s\",\"price\":%d}", sep, it.id, it.name, it.price)
	}
	cache.mu.RUnlock()
	b.WriteString("]}\n")
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(b.String()))
}

func bump(w http.ResponseWriter, r *http.Request) {
	if r.Method != "POST" {
		http.Error(w, "Method Not Allowed", 405)
		return
	}
	cache.mu.Lock()
	cache.version++
	v := cache.version
	cache.items[v%16].price++
	cache.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain")
	fmt.Fprintf(w, "%d\n", v)
}

func slow(w http.ResponseWriter, r *http.Request) {
	ms, err := strconv.Atoi(r.URL.Query().Get("ms"))
	if err != nil {
		ms = 100
	}
	t := time.NewTimer(time.Duration(ms) * time.Millisecond)
	defer t.Stop()
	select {
	case <-t.C:
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "slept %d\n", ms)
	case <-r.Context().Done():
		http.Error(w, "Service Unavailable", 503)
	}
}

// middleware: a deadline per request, then pprof labels (the cookbook's recipe).
func middleware(routes map[string]http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, route := routes[r.URL.Path], r.URL.Path
		if h == nil {
			h, route = http.NotFound, "notfound"
		}
		id := atomic.AddUint64(&requestIDs, 1)
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		pprof.Do(ctx, pprof.Labels("method", r.Method, "route", route, "req", strconv.FormatUint(id, 10)),
			func(ctx context.Context) { h(w, r.WithContext(ctx)) })
	})
}

func main() {
	for i := range cache.items {
		cache.items[i] = item{i, fmt.Sprintf("item-%d", i), int64(100 + 7*i)}
	}
	addr := "127.0.0.1:0"
	if len(os.Args) > 1 {
		addr = os.Args[1]
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(ln.Addr().String())
	routes := map[string]http.HandlerFunc{"/hello": hello, "/json": jsonHandler, "/json/bump": bump, "/slow": slow}
	srv := &http.Server{Handler: middleware(routes), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 60 * time.Second}
	srv.Serve(ln)
}
