//go:build ignore

// server.go - Go twin of bench/checker/server.c: 4 clients, 4 handlers labelling themselves per request (pprof labels), request/reply channels.
package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"sync"
	"time"
)

func arg(i int, def int) int {
	if len(os.Args) <= i {
		return def
	}
	v, err := strconv.Atoi(os.Args[i])
	if err != nil || v <= 0 {
		fmt.Fprintf(os.Stderr, "bench: argument %d: want a positive integer, got %q\n", i, os.Args[i])
		os.Exit(2)
	}
	return v
}

func report(name string, ops int, t0 time.Time) {
	ns := time.Since(t0).Nanoseconds()
	fmt.Printf("bench: name=%s ops=%d ns_op=%.2f\n", name, ops, float64(ns)/float64(ops))
}

const clients = 4
const handlers = 4
const body = 16

type request struct {
	client, seq int
	body        [body]int
	reply       [body]int
	replyTo     chan *request
}

var names = [clients]string{"c0", "c1", "c2", "c3"}

func main() {
	n := arg(1, 400000)
	per := n / clients
	n = per * clients
	requests := make(chan *request, 16)
	sums := make([]int, clients)
	var cwg, hwg sync.WaitGroup
	ctx := context.Background()
	t0 := time.Now()
	hwg.Add(handlers)
	for h := 0; h < handlers; h++ {
		go func() {
			for r := range requests {
				pprof.SetGoroutineLabels(pprof.WithLabels(ctx, pprof.Labels("client", names[r.client])))
				acc := r.seq
				for i := 0; i < body; i++ {
					acc = acc*31 + r.body[i]
					r.reply[i] = acc
				}
				r.replyTo <- r
			}
			hwg.Done()
		}()
	}
	cwg.Add(clients)
	for c := 0; c < clients; c++ {
		go func(id int) {
			replies := make(chan *request, 1)
			sum := 0
			for s := 0; s < per; s++ {
				r := &request{client: id, seq: s, replyTo: replies}
				for i := 0; i < body; i++ {
					r.body[i] = s + i
				}
				requests <- r
				got := <-replies
				sum += got.reply[body-1]
			}
			sums[id] = sum
			cwg.Done()
		}(c)
	}
	cwg.Wait()
	close(requests)
	hwg.Wait()
	sum := 0
	for _, s := range sums {
		sum += s
	}
	fmt.Println("checksum", sum)
	report("server", n, t0)
}
