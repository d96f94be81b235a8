/* SPDX-License-Identifier: MIT */
/*
 * mav_version.h - the release of mav this tree is.
 */
#ifndef MAV_VERSION_H
#define MAV_VERSION_H

#define MAV_VERSION_MAJOR 0
#define MAV_VERSION_MINOR 1
#define MAV_VERSION_PATCH 0
#define MAV_VERSION_STRING "0.1.0"

#endif /* MAV_VERSION_H */
