/**
 * A reference model of what the engine promises, for tests that run random operation sequences on
 * the engine and on the model side by side.
 *
 * <h2>Parts</h2>
 * <ul>
 *   <li>{@link io.fluxfs.testkit.model.Op} — one step, as plain data: what a caller does through the
 *       filesystem, or what another S3 client does to the bucket. Records print as a replayable trace.</li>
 *   <li>{@link io.fluxfs.testkit.model.ReferenceModel} — a flat map from path to
 *       {@link io.fluxfs.testkit.model.ModelNode}, and for each op the outcome it must have (success or the
 *       errno) and its effect. It is meant to be read against docs/SEMANTICS.md and Linux's man pages,
 *       not against the engine.</li>
 *   <li>{@link io.fluxfs.testkit.model.VisibleNode} — what {@code readdir}, {@code getattr}, reading,
 *       {@code readlink} and {@code listxattr}/{@code getxattr} show of one path; the model and the engine
 *       are each turned into a map of these and compared field by field.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Every path's parent is in the map and is a directory; the root {@code "/"} is always there.</li>
 *   <li>An implicit directory (a prefix without a marker object) is never empty: when its last child
 *       goes, so does it, as in the store. The model reports that ({@link
 *       io.fluxfs.testkit.model.ReferenceModel#takeSettle()}), because the engine may show the cached
 *       directory until the metadata TTL passes.</li>
 *   <li>A time the model cannot know (an object another tool wrote without headers, an implicit
 *       directory) is {@code null} and is not compared.</li>
 * </ul>
 */
package io.fluxfs.testkit.model;
