; Allocas whose frame membership comes from their uses, not from markers.
;
; _Z8unmarkedl (no lifetime markers except on %fb):
; - %escaped is passed to a call that may capture it, before the first
;   suspend only: in the frame and live everywhere.
; - %before.only is used (without capture) only before the first suspend:
;   stays on the stack.
; - %across is used (without capture) before and after Suspend0: in the
;   frame, live everywhere.
; - %buf has a pointer into it stored in %cursor (self-reference through
;   another alloca): both live everywhere.
; - %fb has markers around Suspend0 and %into.fb, a GEP into it with a
;   variable offset, is used after Suspend0: the GEP is rematerialized, its
;   offset operand %off is stored, and %fb is live at Suspend0.
; _Z10relifetimev: %m is marked and escaped, and the loop's suspend lies
;   between two of its lifetimes: it stays in the frame (its address must
;   not change), but it is dead at the suspend, so %x can share its bytes.
;
; RUN: %coropack report --mode pack %s --input presplit --format text --dump-liveness \
; RUN:   | FileCheck %s --implicit-check-not=%before.only
; RUN: %coropack report --mode pack %s --input presplit --format json | FileCheck %s --check-prefix=JSON
; The rewrite leaves IR the verifier accepts.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -disable-output

; CHECK-LABEL: liveness _Z8unmarkedl
; CHECK-NEXT:  {{^}}  suspend 0: %into.fb(remat) %off(operand) [%escaped] [%across] [%buf] [%cursor] [%fb]{{$}}
; CHECK-NEXT:  {{^}}  suspend 1: [%escaped] [%across] [%buf] [%cursor]{{$}}
; CHECK-NEXT:  {{^}}  frame allocas: %escaped(unmarked)(escaped) %across(unmarked) %buf(unmarked)(escaped) %cursor(unmarked) %fb(reaches a suspend unended){{$}}
; CHECK-NEXT:  {{^}}  stack allocas: %before.only(unmarked){{$}}
; CHECK-LABEL: liveness _Z10relifetimev
; CHECK-NEXT:  {{^}}  suspend 0: %x{{$}}

; CHECK-LABEL: coroutine unmarked(long) {
; CHECK-DAG:   */ %escaped i64 alloca live: all{{$}}
; CHECK-DAG:   */ %across [24 x i8] alloca live: all{{$}}
; CHECK-DAG:   */ %buf [32 x i8] alloca live: all{{$}}
; CHECK-DAG:   */ %cursor ptr alloca live: all{{$}}
; CHECK-DAG:   */ %fb [40 x i8] alloca live: U S0{{$}}
; CHECK-DAG:   */ %off i64 value live: S0{{$}}
; CHECK-DAG:   /* rematerialized %into.fb: ptr, 8@8, value, live: S0 */
; Nothing can share: 16 + 40 + 32 + 24 + 8 + 8 + 8 + 1 = 137, to 144, as
; stock.
; CHECK:       size: 144 (stock: 144, lower bound: 144, optimal)

; CHECK-LABEL: coroutine relifetime() {
; CHECK-DAG:   /* [[M:[0-9]+]] 48@8 */ %m [48 x i8] alloca live: {{none|U}}{{$}}
; CHECK-DAG:   /* [[M]] 8@8 */ %x i64 value live: S0{{$}}
; CHECK:       size: 72 (stock: 80, lower bound: 72, optimal)

; JSON-LABEL: "demangled": "unmarked(long)",
; JSON:       "name": "%into.fb",
; JSON-NEXT:  "offset": null,
; JSON-NEXT:  "size": 8,
; JSON-NEXT:  "storage": "rematerialized",
; Nothing to gain here: pack mode keeps the stock frame and says so.
; JSON:       "status": "stock: no two items can share bytes",
; JSON-NEXT:  "stock_size": 144,

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr @_Z8unmarkedl(i64 %off) presplitcoroutine {
entry:
  %escaped = alloca i64, align 8
  %before.only = alloca [16 x i8], align 8
  %across = alloca [24 x i8], align 8
  %buf = alloca [32 x i8], align 8
  %cursor = alloca ptr, align 8
  %fb = alloca [40 x i8], align 8
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z8unmarkedl, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  call void @escape(ptr %escaped)
  call void @fill(ptr %before.only)
  call void @fill(ptr %across)
  %p = getelementptr inbounds i8, ptr %buf, i64 8
  store ptr %p, ptr %cursor, align 8
  call void @llvm.lifetime.start.p0(ptr %fb)
  call void @fill(ptr %fb)
  %into.fb = getelementptr inbounds i8, ptr %fb, i64 %off
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %d0]
d0:
  call void @llvm.lifetime.end.p0(ptr %fb)
  br label %cleanup
r0:
  call void @use(ptr %across)
  %q = load ptr, ptr %cursor, align 8
  call void @use(ptr %q)
  call void @use(ptr %into.fb)
  call void @llvm.lifetime.end.p0(ptr %fb)
  %save1 = call token @llvm.coro.save(ptr null)
  %s1 = call i8 @llvm.coro.suspend(token %save1, i1 false)
  switch i8 %s1, label %ret [i8 0, label %cleanup
                             i8 1, label %cleanup]
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %hdl
}

; Marked and escaped, in a loop whose suspend lies between two lifetimes.
define ptr @_Z10relifetimev() presplitcoroutine {
entry:
  %m = alloca [48 x i8], align 8
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z10relifetimev, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  br label %loop
loop:
  call void @llvm.lifetime.start.p0(ptr %m)
  call void @escape(ptr %m)
  call void @llvm.lifetime.end.p0(ptr %m)
  %x = call i64 @produce(i64 0)
  %save = call token @llvm.coro.save(ptr null)
  %s = call i8 @llvm.coro.suspend(token %save, i1 false)
  switch i8 %s, label %ret [i8 0, label %body
                            i8 1, label %cleanup]
body:
  call void @consume(i64 %x)
  br label %loop
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %hdl
}

declare void @escape(ptr)
declare void @fill(ptr captures(none))
declare void @use(ptr captures(none))
declare i64 @produce(i64)
declare void @consume(i64)
declare ptr @malloc(i64)
declare void @free(ptr)
