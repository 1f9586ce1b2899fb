; A suspend inside a loop.
;
; _Z4loopl: the accumulator %acc and the counter %i are loop-carried phis
; live across the suspend (their next values are computed after it and flow
; back through the header); %v is defined in the same iteration before the
; suspend; %n is read by the exit test. The next values themselves
; (%acc.next, %i.next) are defined after the suspend and are not live there.
; %acc.next is live at the final suspend (used on its destroy path). The
; suspend reaches itself, so it is an "await", not an "initial" suspend.
;
; _Z7counterl: the loop-carried value crosses the suspend as an add of the
; phi: stock LLVM recomputes %i.next after the suspend and keeps %i instead.
;
; RUN: %coropack report --mode pack %s --input presplit --format text --dump-liveness | FileCheck %s
; RUN: %coropack report --mode pack %s --input presplit --format json | FileCheck %s --check-prefix=JSON
; The rewrite leaves IR the verifier accepts.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -disable-output

; CHECK-LABEL: liveness _Z4loopl
; CHECK-NEXT:  {{^}}  suspend 0: %n %acc %i %v{{$}}
; CHECK-NEXT:  {{^}}  suspend 1 final: %acc.next{{$}}
; CHECK-LABEL: liveness _Z7counterl
; CHECK-NEXT:  {{^}}  suspend 0: %n %i.next(remat) %i(operand){{$}}

; Four values live together at Suspend0 cannot share; %acc.next can take
; the bytes of any of them.
; CHECK-LABEL: coroutine loop(long) {
; CHECK-DAG:   */ %n i64 value live: S0{{$}}
; CHECK-DAG:   */ %acc i64 value live: S0{{$}}
; CHECK-DAG:   */ %i i64 value live: S0{{$}}
; CHECK-DAG:   */ %v i64 value live: S0{{$}}
; CHECK-DAG:   */ %acc.next i64 value live: R{{$}}
; CHECK:       size: 56 (stock: 64, lower bound: 56, optimal)

; CHECK-LABEL: coroutine counter(long) {
; CHECK-DAG:   */ %n i64 value live: S0{{$}}
; CHECK-DAG:   */ %i i64 value live: S0{{$}}
; CHECK-DAG:   /* rematerialized %i.next: i64, 8@8, value, live: S0 */
; CHECK:       size: 40 (stock: 40, lower bound: 40, optimal)

; JSON-LABEL: "demangled": "loop(long)",
; JSON:       "kind": "await",
; JSON-NEXT:  "loc": null,
; JSON-NEXT:  "name": "Suspend0"
; JSON:       "kind": "final",
; JSON-NEXT:  "loc": null,
; JSON-NEXT:  "name": "Returned"
; Header 16 + four values + index 1 live at Suspend0.
; JSON:       "live_bytes": 49,
; JSON-NEXT:  "loc": null,
; JSON-NEXT:  "name": "Suspend0"
; JSON-LABEL: "demangled": "counter(long)",
; JSON:       "name": "%i.next",
; JSON-NEXT:  "offset": null,
; JSON-NEXT:  "size": 8,
; JSON-NEXT:  "storage": "rematerialized",

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr @_Z4loopl(i64 %n) presplitcoroutine {
entry:
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z4loopl, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  %seed = call i64 @produce(i64 %n)
  br label %loop
loop:
  %acc = phi i64 [ %seed, %entry ], [ %acc.next, %body ]
  %i = phi i64 [ 0, %entry ], [ %i.next, %body ]
  %v = call i64 @produce(i64 %i)
  %save = call token @llvm.coro.save(ptr null)
  %s = call i8 @llvm.coro.suspend(token %save, i1 false)
  switch i8 %s, label %ret [i8 0, label %body
                            i8 1, label %cleanup]
body:
  %acc.next = call i64 @combine(i64 %acc, i64 %v)
  %i.next = call i64 @produce(i64 %i)
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop
exit:
  %savef = call token @llvm.coro.save(ptr null)
  %sf = call i8 @llvm.coro.suspend(token %savef, i1 true)
  switch i8 %sf, label %ret [i8 0, label %unreach
                             i8 1, label %final.cleanup]
final.cleanup:
  call void @consume(i64 %acc.next)
  br label %cleanup
unreach:
  unreachable
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr %hdl, i1 false, token none)
  ret ptr %hdl
}

define ptr @_Z7counterl(i64 %n) presplitcoroutine {
entry:
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z7counterl, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %resume ]
  %i.next = add i64 %i, 1
  call void @consume(i64 %i)
  %save = call token @llvm.coro.save(ptr null)
  %s = call i8 @llvm.coro.suspend(token %save, i1 false)
  switch i8 %s, label %ret [i8 0, label %resume
                            i8 1, label %cleanup]
resume:
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %loop, label %cleanup
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr %hdl, i1 false, token none)
  ret ptr %hdl
}

declare i64 @produce(i64)
declare i64 @combine(i64, i64)
declare void @consume(i64)
declare ptr @malloc(i64)
declare void @free(ptr)
